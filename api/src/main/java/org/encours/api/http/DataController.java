package org.encours.api.http;

import io.javalin.http.Context;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import org.encours.api.data.AgingRow;
import org.encours.api.data.CustomerScore;
import org.encours.api.data.DunningAction;
import org.encours.api.data.DunningPlanIndex;
import org.encours.api.data.InvoiceScore;
import org.encours.api.data.KeyedIndex;
import org.encours.api.data.KpiRow;
import org.encours.api.data.LoadedTable;
import org.encours.api.data.PortfolioIndex;
import org.encours.api.data.Recommendation;
import org.encours.api.data.ServedTable;
import org.encours.api.data.ServingSnapshot;
import org.encours.api.data.SnapshotStore;
import org.encours.api.data.VersionNotAvailableException;
import org.encours.api.http.Dtos.CustomerScoreDto;
import org.encours.api.http.Dtos.DunningActionDto;
import org.encours.api.http.Dtos.Envelope;
import org.encours.api.http.Dtos.InvoiceScoreDto;
import org.encours.api.http.Dtos.Page;
import org.encours.api.http.Dtos.RecommendationDto;

/**
 * The read endpoints over the served tables. Each request reads the current snapshot once, so its
 * answer comes from one version; the ETag is that version.
 */
final class DataController {
  private static final Pattern LEVEL = Pattern.compile("[a-z_]{1,32}");
  private static final Pattern ENTITY = Pattern.compile("[A-Za-z0-9][A-Za-z0-9 ._:\\-]{0,63}");

  private final SnapshotStore store;

  DataController(SnapshotStore store) {
    this.store = store;
  }

  void customerScore(Context ctx) {
    String id = Params.id(ctx, "id");
    LoadedTable<KeyedIndex<CustomerScore>> t =
        Responses.require(store.current(), store, ServedTable.CUSTOMER_SCORES);
    CustomerScore s = t.index().get(id);
    if (s == null) {
      throw Problems.notFound("customer score for", id);
    }
    if (Responses.notModified(ctx, Responses.etag(t))) {
      return;
    }
    ctx.json(new Envelope<>(CustomerScoreDto.of(s), s.modelVersion(), t.version(), t.asOf()));
  }

  void invoiceScore(Context ctx) {
    String id = Params.id(ctx, "id");
    LoadedTable<KeyedIndex<InvoiceScore>> t =
        Responses.require(store.current(), store, ServedTable.INVOICE_SCORES);
    InvoiceScore s = t.index().get(id);
    if (s == null) {
      throw Problems.notFound("invoice score for", id);
    }
    if (Responses.notModified(ctx, Responses.etag(t))) {
      return;
    }
    ctx.json(new Envelope<>(InvoiceScoreDto.of(s), s.modelVersion(), t.version(), t.asOf()));
  }

  void recommendation(Context ctx) {
    String id = Params.id(ctx, "id");
    LoadedTable<KeyedIndex<Recommendation>> t =
        Responses.require(store.current(), store, ServedTable.RECOMMENDATIONS);
    Recommendation r = t.index().get(id);
    if (r == null) {
      throw Problems.notFound("recommendation for customer", id);
    }
    if (Responses.notModified(ctx, Responses.etag(t))) {
      return;
    }
    ctx.json(new Envelope<>(RecommendationDto.of(r), r.modelVersion(), t.version(), t.asOf()));
  }

  void customerDunningPlan(Context ctx) {
    String id = Params.id(ctx, "id");
    LoadedTable<DunningPlanIndex> t =
        Responses.require(store.current(), store, ServedTable.DUNNING_PLAN);
    List<DunningAction> actions = t.index().forCustomer(id);
    if (actions == null) {
      throw Problems.notFound("dunning plan for customer", id);
    }
    if (Responses.notModified(ctx, Responses.etag(t))) {
      return;
    }
    ctx.json(
        new Envelope<>(
            actions.stream().map(DunningActionDto::of).toList(), null, t.version(), t.asOf()));
  }

  /** {@code GET /v1/scores?changedSince=N&limit=L&cursor=C}: customer scores in id order. */
  void scores(Context ctx) {
    Long since = Params.nonNegativeLong(ctx, "changedSince");
    int limit = Params.limit(ctx);
    String cursor = Params.query(ctx, "cursor");
    String query = "changedSince=" + (since == null ? "" : since);
    String after = cursor == null ? null : Cursor.decode(cursor, "scores", query, 1).get(0);
    LoadedTable<KeyedIndex<CustomerScore>> t =
        Responses.require(store.current(), store, ServedTable.CUSTOMER_SCORES);
    if (since != null && since > t.version()) {
      throw Problems.badParameter(
          "changedSince",
          since.toString(),
          "a version not newer than the served one (" + t.version() + ")");
    }
    if (Responses.notModified(ctx, Responses.etag(t))) {
      return;
    }
    KeyedIndex<CustomerScore> index = t.index();
    List<CustomerScoreDto> items = new ArrayList<>(Math.min(limit, 256));
    boolean more;
    if (since == null) {
      int i = index.positionAfter(after);
      for (; i < index.size() && items.size() < limit; i++) {
        items.add(CustomerScoreDto.of(index.at(i)));
      }
      more = i < index.size();
    } else {
      String[] changed;
      try {
        changed = store.changedCustomers(t, since);
      } catch (VersionNotAvailableException e) {
        throw Problems.versionGone(
            since, e.getCause() == null ? e.getMessage() : e.getCause().getMessage());
      }
      int i = 0;
      if (after != null) {
        int found = Arrays.binarySearch(changed, after);
        i = found >= 0 ? found + 1 : -found - 1;
      }
      for (; i < changed.length && items.size() < limit; i++) {
        CustomerScore s = index.get(changed[i]);
        if (s != null) {
          items.add(CustomerScoreDto.of(s));
        }
      }
      more = i < changed.length;
    }
    String next =
        more && !items.isEmpty()
            ? Cursor.encode("scores", query, items.get(items.size() - 1).customerId())
            : null;
    ctx.json(new Page<>(items, next, limit, t.modelVersion(), t.version(), t.asOf()));
  }

  /**
   * {@code GET /v1/dunning-plan?dueBy=D&limit=L&cursor=C}: actions due by D, by date then invoice.
   */
  void dunningPlan(Context ctx) {
    LocalDate dueBy = Params.date(ctx, "dueBy", false);
    int limit = Params.limit(ctx);
    String cursor = Params.query(ctx, "cursor");
    String query = "dueBy=" + (dueBy == null ? "" : dueBy);
    int afterDay = Integer.MIN_VALUE;
    String afterInvoice = null;
    if (cursor != null) {
      List<String> position = Cursor.decode(cursor, "dunning", query, 2);
      try {
        afterDay = Integer.parseInt(position.get(0));
      } catch (NumberFormatException e) {
        throw Problems.badParameter(
            "cursor", cursor, "a cursor returned as nextCursor by this endpoint");
      }
      afterInvoice = position.get(1);
    }
    LoadedTable<DunningPlanIndex> t =
        Responses.require(store.current(), store, ServedTable.DUNNING_PLAN);
    if (Responses.notModified(ctx, Responses.etag(t))) {
      return;
    }
    DunningPlanIndex plan = t.index();
    int end = dueBy == null ? plan.size() : plan.positionAfter((int) dueBy.toEpochDay() + 1, null);
    int i = afterInvoice == null ? 0 : plan.positionAfter(afterDay, afterInvoice);
    List<DunningActionDto> items = new ArrayList<>(Math.min(limit, 256));
    DunningAction last = null;
    for (; i < end && items.size() < limit; i++) {
      last = plan.at(i);
      items.add(DunningActionDto.of(last));
    }
    String next =
        i < end && last != null
            ? Cursor.encode(
                "dunning", query, Integer.toString(last.actionEpochDay()), last.invoiceId())
            : null;
    ctx.json(new Page<>(items, next, limit, null, t.version(), t.asOf()));
  }

  void aging(Context ctx) {
    portfolio(ctx, ServedTable.AGING);
  }

  void kpis(Context ctx) {
    portfolio(ctx, ServedTable.RECEIVABLES_KPIS);
  }

  private void portfolio(Context ctx, ServedTable table) {
    String level =
        Params.optionalText(
            ctx, "level", LEVEL, "a level such as portfolio, country, sector, size_band, customer");
    String entity =
        Params.optionalText(
            ctx,
            "entity",
            ENTITY,
            "an entity id (1 to 64 letters, digits, spaces, '.', '_', ':', '-')");
    if (level == null) {
      level = entity == null ? "portfolio" : "customer";
    }
    ServingSnapshot snapshot = store.current();
    LoadedTable<PortfolioIndex<?>> t = Responses.require(snapshot, store, table);
    PortfolioIndex<?> index = t.index();
    if (!index.levels().contains(level)
        && index.entityCount(level) == 0
        && !index.levels().isEmpty()) {
      throw Problems.badParameter("level", level, "one of " + String.join(", ", index.levels()));
    }
    if ("customer".equals(level) && entity == null) {
      throw Problems.badParameter(
          "entity", "", "a customer id: the customer level is served one customer at a time");
    }
    List<?> rows = index.rows(level, entity);
    if (entity != null && rows.isEmpty()) {
      throw Problems.notFound(level + " in " + table.tableName() + ":", entity);
    }
    if (Responses.notModified(ctx, Responses.etag(t))) {
      return;
    }
    ctx.json(new Envelope<>(rows, null, t.version(), t.asOf()));
  }

  /** The row types of the portfolio endpoints, for the docs. */
  static final List<Class<?>> PORTFOLIO_ROWS = List.of(AgingRow.class, KpiRow.class);
}
