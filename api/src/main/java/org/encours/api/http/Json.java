package org.encours.api.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.deser.std.NumberDeserializers;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The JSON mapper of the API: ISO dates, decimals as written, and strict reading of request bodies
 * (unknown fields, wrong types, trailing content and duplicate keys are errors, never coerced).
 *
 * <p>Numbers are bounded before they become values: at most {@value #MAX_NUMBER_CHARS} characters,
 * and a decimal at most {@value #MAX_DIGITS} digits before and after its point once written out, so
 * {@code 1e999999999} is refused from its text and never expanded. Dates are {@code YYYY-MM-DD}
 * exactly; nesting is limited to {@value #MAX_NESTING} levels.
 */
public final class Json {
  static final int MAX_NUMBER_CHARS = 100;
  static final int MAX_DIGITS = 30;
  static final int MAX_NESTING = 32;

  private Json() {}

  public static ObjectMapper mapper() {
    JsonFactory factory =
        JsonFactory.builder()
            .streamReadConstraints(
                StreamReadConstraints.builder()
                    .maxNumberLength(MAX_NUMBER_CHARS)
                    .maxNestingDepth(MAX_NESTING)
                    .build())
            .build();
    SimpleModule bounded = new SimpleModule("encours-bounded-values");
    bounded.addDeserializer(BigDecimal.class, new BoundedDecimal());
    bounded.addDeserializer(Double.class, new BoundedDouble());
    bounded.addDeserializer(LocalDate.class, new StrictDate());
    ObjectMapper mapper =
        JsonMapper.builder(factory)
            .addModule(new JavaTimeModule())
            .addModule(bounded)
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .build();
    for (LogicalType type :
        new LogicalType[] {
          LogicalType.Textual,
          LogicalType.Integer,
          LogicalType.Float,
          LogicalType.Boolean,
          LogicalType.DateTime
        }) {
      mapper
          .coercionConfigFor(type)
          .setCoercion(
              CoercionInputShape.Integer,
              type == LogicalType.Integer || type == LogicalType.Float
                  ? CoercionAction.TryConvert
                  : CoercionAction.Fail)
          .setCoercion(
              CoercionInputShape.Float,
              type == LogicalType.Float ? CoercionAction.TryConvert : CoercionAction.Fail)
          .setCoercion(
              CoercionInputShape.Boolean,
              type == LogicalType.Boolean ? CoercionAction.TryConvert : CoercionAction.Fail)
          .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail);
    }
    return mapper;
  }

  /** Reads a request body into {@code type}; a problem names the field and what was expected. */
  static <T> T read(ObjectMapper mapper, byte[] body, Class<T> type) {
    if (body.length == 0) {
      throw Problems.badBody("The request body is empty: send a JSON object.");
    }
    try {
      T value = mapper.readValue(body, type);
      if (value == null) {
        throw Problems.badBody("The request body is null: send a JSON object.");
      }
      return value;
    } catch (UnrecognizedPropertyException e) {
      throw Problems.badBody(
          "Unknown field '"
              + path(e)
              + "'. Allowed: "
              + e.getKnownPropertyIds().stream()
                  .map(Object::toString)
                  .sorted()
                  .collect(Collectors.joining(", "))
              + ".");
    } catch (InvalidFormatException e) {
      throw Problems.badBody(
          "Field '"
              + path(e)
              + "': '"
              + Problems.clip(String.valueOf(e.getValue()), 40)
              + "' is not "
              + typeName(e.getTargetType())
              + ".");
    } catch (MismatchedInputException e) {
      String field = path(e);
      throw Problems.badBody(
          field.isEmpty()
              ? "The body must be a JSON object."
              : "Field '" + field + "' must be " + typeName(e.getTargetType()) + ".");
    } catch (StreamConstraintsException e) {
      throw outsideLimits();
    } catch (JsonParseException e) {
      throw Problems.badBody(
          "Malformed JSON at line "
              + e.getLocation().getLineNr()
              + ", column "
              + e.getLocation().getColumnNr()
              + ": "
              + Problems.clip(e.getOriginalMessage())
              + ".");
    } catch (NumberOutOfRange e) {
      throw Problems.badBody("Field '" + path(e) + "': " + e.getOriginalMessage() + ".");
    } catch (JsonMappingException e) {
      if (e.getCause() instanceof StreamConstraintsException) {
        throw outsideLimits();
      }
      String field = path(e);
      throw Problems.badBody(
          (field.isEmpty() ? "" : "Field '" + field + "': ")
              + Problems.clip(e.getOriginalMessage())
              + ".");
    } catch (JsonProcessingException e) {
      throw Problems.badBody("Malformed JSON: " + Problems.clip(e.getOriginalMessage()) + ".");
    } catch (IOException e) {
      throw Problems.badBody("The request body could not be read.");
    }
  }

  private static ApiException outsideLimits() {
    return Problems.badBody(
        "The body is outside the limits of this API: numbers of at most "
            + MAX_NUMBER_CHARS
            + " characters, at most "
            + MAX_NESTING
            + " levels of nesting.");
  }

  /**
   * Checks a number from its text before it becomes a value: written out in full it would have at
   * most {@link #MAX_DIGITS} digits before and after the decimal point. The detail quotes at most
   * the first 24 characters of the number.
   */
  static void checkDigits(JsonParser p, String text) throws JsonMappingException {
    BigDecimal value;
    try {
      value = new BigDecimal(text); // keeps the exponent: 1e999999999 is one digit and a scale
    } catch (NumberFormatException | ArithmeticException e) {
      throw new NumberOutOfRange(p, text);
    }
    long integerDigits = (long) value.precision() - value.scale();
    long decimals = value.signum() == 0 ? 0 : value.stripTrailingZeros().scale();
    if (integerDigits > MAX_DIGITS || decimals > MAX_DIGITS) {
      throw new NumberOutOfRange(p, text);
    }
  }

  /**
   * A number refused by {@link #checkDigits}; its message quotes the first 24 characters at most.
   */
  static final class NumberOutOfRange extends JsonMappingException {
    private static final long serialVersionUID = 1L;

    NumberOutOfRange(JsonParser p, String text) {
      super(
          p,
          "the number "
              + Problems.clip(text, 24)
              + " is out of range: numbers have at most "
              + MAX_DIGITS
              + " digits before and "
              + MAX_DIGITS
              + " after the decimal point");
    }
  }

  /**
   * BigDecimal fields: bounded as {@link #checkDigits} says; other tokens as Jackson's own rules.
   */
  private static final class BoundedDecimal extends StdScalarDeserializer<BigDecimal> {
    private static final long serialVersionUID = 1L;

    BoundedDecimal() {
      super(BigDecimal.class);
    }

    @Override
    public BigDecimal deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
      if (p.currentToken() == JsonToken.VALUE_NUMBER_INT
          || p.currentToken() == JsonToken.VALUE_NUMBER_FLOAT) {
        checkDigits(p, p.getText());
        return p.getDecimalValue();
      }
      return NumberDeserializers.BigDecimalDeserializer.instance.deserialize(p, ctxt);
    }
  }

  /** Double fields: bounded the same way, so nothing overflows to infinity or underflows to 0. */
  private static final class BoundedDouble extends StdScalarDeserializer<Double> {
    private static final long serialVersionUID = 1L;
    private final JsonDeserializer<?> standard =
        NumberDeserializers.find(Double.class, Double.class.getName());

    BoundedDouble() {
      super(Double.class);
    }

    @Override
    public Double deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
      if (p.currentToken() == JsonToken.VALUE_NUMBER_INT
          || p.currentToken() == JsonToken.VALUE_NUMBER_FLOAT) {
        checkDigits(p, p.getText());
        return p.getDoubleValue();
      }
      return (Double) standard.deserialize(p, ctxt);
    }
  }

  /**
   * Dates: the string YYYY-MM-DD exactly (a date-time, a week date or a signed year is refused).
   */
  private static final class StrictDate extends StdScalarDeserializer<LocalDate> {
    private static final long serialVersionUID = 1L;
    private static final Pattern DATE = Pattern.compile("[0-9]{4}-[0-9]{2}-[0-9]{2}");

    StrictDate() {
      super(LocalDate.class);
    }

    @Override
    public LocalDate deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
      if (p.currentToken() != JsonToken.VALUE_STRING) {
        return (LocalDate) ctxt.handleUnexpectedToken(LocalDate.class, p);
      }
      String text = p.getText();
      if (DATE.matcher(text).matches()) {
        try {
          return LocalDate.parse(text, DateTimeFormatter.ISO_LOCAL_DATE);
        } catch (DateTimeParseException e) {
          // an impossible date such as 2023-02-30: refused below
        }
      }
      throw InvalidFormatException.from(p, "not a date YYYY-MM-DD", text, LocalDate.class);
    }
  }

  private static String path(JsonMappingException e) {
    return e.getPath().stream()
        .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
        .collect(Collectors.joining("."))
        .replace(".[", "[");
  }

  private static String typeName(Class<?> type) {
    if (type == null) {
      return "value of the expected type";
    }
    if (type == String.class) {
      return "a string";
    }
    if (type == Integer.class || type == int.class || type == Long.class) {
      return "a whole number";
    }
    if (Number.class.isAssignableFrom(type) || type == double.class) {
      return "a number";
    }
    if (type == java.time.LocalDate.class) {
      return "a date (YYYY-MM-DD)";
    }
    if (type.isRecord()) {
      return "an object";
    }
    return "a " + type.getSimpleName();
  }
}
