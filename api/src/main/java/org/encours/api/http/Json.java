package org.encours.api.http;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.util.stream.Collectors;

/**
 * The JSON mapper of the API: ISO dates, decimals as written, and strict reading of request bodies
 * (unknown fields, wrong types, trailing content and duplicate keys are errors, never coerced).
 */
public final class Json {
  private Json() {}

  public static ObjectMapper mapper() {
    ObjectMapper mapper =
        JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .build();
    for (LogicalType type : new LogicalType[] {LogicalType.Textual, LogicalType.Integer, LogicalType.Float, LogicalType.Boolean, LogicalType.DateTime}) {
      mapper.coercionConfigFor(type)
          .setCoercion(CoercionInputShape.Integer, type == LogicalType.Integer || type == LogicalType.Float ? CoercionAction.TryConvert : CoercionAction.Fail)
          .setCoercion(CoercionInputShape.Float, type == LogicalType.Float ? CoercionAction.TryConvert : CoercionAction.Fail)
          .setCoercion(CoercionInputShape.Boolean, type == LogicalType.Boolean ? CoercionAction.TryConvert : CoercionAction.Fail)
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
          "Unknown field '" + path(e) + "'. Allowed: "
              + e.getKnownPropertyIds().stream().map(Object::toString).sorted().collect(Collectors.joining(", ")) + ".");
    } catch (InvalidFormatException e) {
      throw Problems.badBody("Field '" + path(e) + "': '" + Problems.clip(String.valueOf(e.getValue())) + "' is not a valid " + typeName(e.getTargetType()) + ".");
    } catch (MismatchedInputException e) {
      String field = path(e);
      throw Problems.badBody(
          field.isEmpty()
              ? "The body must be a JSON object."
              : "Field '" + field + "' must be " + typeName(e.getTargetType()) + ".");
    } catch (JsonParseException e) {
      throw Problems.badBody(
          "Malformed JSON at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr()
              + ": " + Problems.clip(e.getOriginalMessage()) + ".");
    } catch (JsonMappingException e) {
      String field = path(e);
      throw Problems.badBody((field.isEmpty() ? "" : "Field '" + field + "': ") + Problems.clip(e.getOriginalMessage()) + ".");
    } catch (JsonProcessingException e) {
      throw Problems.badBody("Malformed JSON: " + Problems.clip(e.getOriginalMessage()) + ".");
    } catch (IOException e) {
      throw Problems.badBody("The request body could not be read.");
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
