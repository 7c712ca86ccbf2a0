package io.llmtwin.devstack.qdrant;

import io.qdrant.client.grpc.JsonWithInt.Value;
import io.qdrant.client.grpc.Points.Condition;
import io.qdrant.client.grpc.Points.FieldCondition;
import io.qdrant.client.grpc.Points.Filter;
import io.qdrant.client.grpc.Points.Match;
import io.qdrant.client.grpc.Points.PointId;
import io.qdrant.client.grpc.Points.Range;
import io.qdrant.client.grpc.Points.ValuesCount;
import java.util.List;
import java.util.Map;

/**
 * Evaluates Qdrant filters against stored points with Qdrant's semantics: a condition on a field
 * holding an array matches when any element matches; a missing field never matches (except for
 * is_empty / is_null).
 */
final class FilterEvaluator {
  private FilterEvaluator() {}

  static boolean matches(Filter filter, StoredPoint point) {
    return filter == null || matches(filter, point, point.payload(), true);
  }

  private static boolean matches(
      Filter filter, StoredPoint point, Map<String, Value> payload, boolean topLevel) {
    for (Condition c : filter.getMustList()) {
      if (!matches(c, point, payload, topLevel)) {
        return false;
      }
    }
    for (Condition c : filter.getMustNotList()) {
      if (matches(c, point, payload, topLevel)) {
        return false;
      }
    }
    if (filter.getShouldCount() > 0) {
      boolean any = false;
      for (Condition c : filter.getShouldList()) {
        if (matches(c, point, payload, topLevel)) {
          any = true;
          break;
        }
      }
      if (!any) {
        return false;
      }
    }
    if (filter.hasMinShould()) {
      long count = 0;
      for (Condition c : filter.getMinShould().getConditionsList()) {
        if (matches(c, point, payload, topLevel)) {
          count++;
        }
      }
      if (count < filter.getMinShould().getMinCount()) {
        return false;
      }
    }
    return true;
  }

  private static boolean matches(
      Condition condition, StoredPoint point, Map<String, Value> payload, boolean topLevel) {
    return switch (condition.getConditionOneOfCase()) {
      case FIELD -> field(condition.getField(), payload);
      case FILTER -> matches(condition.getFilter(), point, payload, topLevel);
      case HAS_ID -> {
        if (!topLevel) {
          throw QdrantErrors.badInput("HasId condition is not supported inside nested filters");
        }
        yield hasId(condition.getHasId().getHasIdList(), point);
      }
      case IS_EMPTY ->
          isEmpty(PayloadPath.parse(condition.getIsEmpty().getKey()).values(payload), true);
      case IS_NULL ->
          isNull(PayloadPath.parse(condition.getIsNull().getKey()).values(payload), true);
      case NESTED -> nested(condition, point, payload);
      case HAS_VECTOR -> point.hasVector(condition.getHasVector().getHasVector());
      case CONDITIONONEOF_NOT_SET -> throw QdrantErrors.badInput("Empty filter condition");
    };
  }

  private static boolean nested(
      Condition condition, StoredPoint point, Map<String, Value> payload) {
    PayloadPath array = PayloadPath.parse(condition.getNested().getKey()).elements();
    for (Value element : array.values(payload)) {
      if (element.hasStructValue()
          && matches(
              condition.getNested().getFilter(),
              point,
              element.getStructValue().getFieldsMap(),
              false)) {
        return true;
      }
    }
    return false;
  }

  private static boolean hasId(List<PointId> ids, StoredPoint point) {
    for (PointId id : ids) {
      if (PointKey.of(id).equals(point.id())) {
        return true;
      }
    }
    return false;
  }

  private static boolean field(FieldCondition condition, Map<String, Value> payload) {
    List<Value> values = PayloadPath.parse(condition.getKey()).values(payload);
    if (values.isEmpty()) {
      if (condition.hasIsEmpty()) {
        return condition.getIsEmpty();
      }
      if (condition.hasIsNull()) {
        return !condition.getIsNull();
      }
      return condition.hasValuesCount() && countMatches(condition.getValuesCount(), 0);
    }
    if (condition.hasValuesCount()) {
      long count = 0;
      for (Value v : values) {
        count += v.hasListValue() ? v.getListValue().getValuesCount() : 1;
      }
      return countMatches(condition.getValuesCount(), count);
    }
    if (condition.hasIsEmpty()) {
      return isEmpty(values, condition.getIsEmpty());
    }
    if (condition.hasIsNull()) {
      return isNull(values, condition.getIsNull());
    }
    if (condition.hasGeoBoundingBox()
        || condition.hasGeoRadius()
        || condition.hasGeoPolygon()
        || condition.hasDatetimeRange()) {
      throw QdrantErrors.unsupported("Geo and datetime filter conditions");
    }
    for (Value value : values) {
      if (value.hasListValue()) {
        for (Value element : value.getListValue().getValuesList()) {
          if (single(condition, element)) {
            return true;
          }
        }
      } else if (single(condition, value)) {
        return true;
      }
    }
    return false;
  }

  private static boolean single(FieldCondition condition, Value value) {
    return (condition.hasMatch() && match(condition.getMatch(), value))
        || (condition.hasRange() && range(condition.getRange(), value));
  }

  private static boolean match(Match match, Value value) {
    return switch (match.getMatchValueCase()) {
      case KEYWORD -> value.hasStringValue() && value.getStringValue().equals(match.getKeyword());
      case INTEGER -> value.hasIntegerValue() && value.getIntegerValue() == match.getInteger();
      case BOOLEAN -> value.hasBoolValue() && value.getBoolValue() == match.getBoolean();
      case TEXT -> value.hasStringValue() && value.getStringValue().contains(match.getText());
      case PHRASE -> value.hasStringValue() && value.getStringValue().contains(match.getPhrase());
      case KEYWORDS ->
          value.hasStringValue()
              && match.getKeywords().getStringsList().contains(value.getStringValue());
      case INTEGERS ->
          value.hasIntegerValue()
              && match.getIntegers().getIntegersList().contains(value.getIntegerValue());
      case EXCEPT_KEYWORDS ->
          !value.hasNullValue()
              && !(value.hasStringValue()
                  && match.getExceptKeywords().getStringsList().contains(value.getStringValue()));
      case EXCEPT_INTEGERS ->
          !value.hasNullValue()
              && !(value.hasIntegerValue()
                  && match.getExceptIntegers().getIntegersList().contains(value.getIntegerValue()));
      case MATCHVALUE_NOT_SET -> false;
    };
  }

  private static boolean range(Range range, Value value) {
    double number;
    if (value.hasIntegerValue()) {
      number = value.getIntegerValue();
    } else if (value.hasDoubleValue()) {
      number = value.getDoubleValue();
    } else {
      return false;
    }
    return (!range.hasLt() || number < range.getLt())
        && (!range.hasLte() || number <= range.getLte())
        && (!range.hasGt() || number > range.getGt())
        && (!range.hasGte() || number >= range.getGte());
  }

  private static boolean countMatches(ValuesCount c, long count) {
    return (!c.hasLt() || count < c.getLt())
        && (!c.hasLte() || count <= c.getLte())
        && (!c.hasGt() || count > c.getGt())
        && (!c.hasGte() || count >= c.getGte());
  }

  private static boolean isEmpty(List<Value> values, boolean expected) {
    if (values.isEmpty()) {
      return expected;
    }
    for (Value v : values) {
      boolean empty =
          v.hasNullValue() || (v.hasListValue() && v.getListValue().getValuesCount() == 0);
      if (empty == expected) {
        return true;
      }
    }
    return false;
  }

  private static boolean isNull(List<Value> values, boolean expected) {
    if (values.isEmpty()) {
      return !expected;
    }
    for (Value v : values) {
      boolean isNull =
          v.hasNullValue()
              || (v.hasListValue()
                  && v.getListValue().getValuesList().stream().anyMatch(Value::hasNullValue));
      if (isNull == expected) {
        return true;
      }
    }
    return false;
  }
}
