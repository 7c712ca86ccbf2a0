package io.llmtwin.devstack.qdrant;

import io.qdrant.client.grpc.JsonWithInt.ListValue;
import io.qdrant.client.grpc.JsonWithInt.Struct;
import io.qdrant.client.grpc.JsonWithInt.Value;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A Qdrant payload key such as {@code author.name}, {@code tags[]} or {@code chunks[0].text}: keys
 * step into objects, {@code []} into every element of an array, {@code [n]} into one element.
 * Arrays are not traversed implicitly, as in Qdrant.
 */
final class PayloadPath {
  private sealed interface Step permits Key, Index, Wildcard {}

  private record Key(String name) implements Step {}

  private record Index(int index) implements Step {}

  private record Wildcard() implements Step {}

  private final String first;
  private final List<Step> rest;

  private PayloadPath(String first, List<Step> rest) {
    this.first = first;
    this.rest = rest;
  }

  static PayloadPath parse(String text) {
    List<Step> steps = new ArrayList<>();
    int i = 0;
    int n = text.length();
    while (i < n) {
      char c = text.charAt(i);
      if (c == '.') {
        i++;
        continue;
      }
      if (c == '[') {
        int close = text.indexOf(']', i);
        if (close < 0) {
          throw QdrantErrors.badInput("Invalid payload key: " + text);
        }
        String inside = text.substring(i + 1, close);
        if (inside.isEmpty()) {
          steps.add(new Wildcard());
        } else {
          try {
            steps.add(new Index(Integer.parseInt(inside)));
          } catch (NumberFormatException e) {
            throw QdrantErrors.badInput("Invalid payload key: " + text);
          }
        }
        i = close + 1;
        continue;
      }
      if (c == '"') {
        int close = text.indexOf('"', i + 1);
        if (close < 0) {
          throw QdrantErrors.badInput("Invalid payload key: " + text);
        }
        steps.add(new Key(text.substring(i + 1, close)));
        i = close + 1;
        continue;
      }
      int end = i;
      while (end < n && text.charAt(end) != '.' && text.charAt(end) != '[') {
        end++;
      }
      steps.add(new Key(text.substring(i, end)));
      i = end;
    }
    if (steps.isEmpty() || !(steps.get(0) instanceof Key key)) {
      throw QdrantErrors.badInput("Invalid payload key: " + text);
    }
    return new PayloadPath(key.name(), List.copyOf(steps.subList(1, steps.size())));
  }

  /** This path followed by {@code []}: how Qdrant addresses the elements of a nested array. */
  PayloadPath elements() {
    List<Step> steps = new ArrayList<>(rest);
    steps.add(new Wildcard());
    return new PayloadPath(first, List.copyOf(steps));
  }

  /** All values at this path (a final array is returned as one value). */
  List<Value> values(Map<String, Value> payload) {
    List<Value> out = new ArrayList<>();
    Value start = payload.get(first);
    if (start != null) {
      collect(start, 0, out);
    }
    return out;
  }

  private void collect(Value value, int step, List<Value> out) {
    if (step == rest.size()) {
      out.add(value);
      return;
    }
    Step s = rest.get(step);
    if (s instanceof Key key && value.hasStructValue()) {
      Value next = value.getStructValue().getFieldsMap().get(key.name());
      if (next != null) {
        collect(next, step + 1, out);
      }
    } else if (s instanceof Index index && value.hasListValue()) {
      List<Value> list = value.getListValue().getValuesList();
      if (index.index() >= 0 && index.index() < list.size()) {
        collect(list.get(index.index()), step + 1, out);
      }
    } else if (s instanceof Wildcard && value.hasListValue()) {
      for (Value element : value.getListValue().getValuesList()) {
        collect(element, step + 1, out);
      }
    }
  }

  /** Copies only what lies on this path from {@code source} into {@code target}. */
  void copyInto(Map<String, Value> source, Map<String, Value> target) {
    Value value = source.get(first);
    if (value == null) {
      return;
    }
    Value projected = keep(value, 0);
    if (projected == null) {
      return;
    }
    Value existing = target.get(first);
    target.put(first, existing == null ? projected : merge(existing, projected));
  }

  private Value keep(Value value, int step) {
    if (step == rest.size()) {
      return value;
    }
    Step s = rest.get(step);
    if (s instanceof Key key && value.hasStructValue()) {
      Value next = value.getStructValue().getFieldsMap().get(key.name());
      if (next == null) {
        return null;
      }
      Value kept = keep(next, step + 1);
      return kept == null
          ? null
          : Value.newBuilder()
              .setStructValue(Struct.newBuilder().putFields(key.name(), kept))
              .build();
    }
    if (s instanceof Wildcard && value.hasListValue()) {
      ListValue.Builder list = ListValue.newBuilder();
      for (Value element : value.getListValue().getValuesList()) {
        Value kept = keep(element, step + 1);
        if (kept != null) {
          list.addValues(kept);
        }
      }
      return Value.newBuilder().setListValue(list).build();
    }
    return null;
  }

  private static Value merge(Value a, Value b) {
    if (a.hasStructValue() && b.hasStructValue()) {
      Map<String, Value> fields = new LinkedHashMap<>(a.getStructValue().getFieldsMap());
      b.getStructValue().getFieldsMap().forEach((k, v) -> fields.merge(k, v, PayloadPath::merge));
      return Value.newBuilder().setStructValue(Struct.newBuilder().putAllFields(fields)).build();
    }
    return b;
  }

  /** Removes what lies on this path from {@code payload} (a mutable copy). */
  void removeFrom(Map<String, Value> payload) {
    if (rest.isEmpty()) {
      payload.remove(first);
      return;
    }
    Value value = payload.get(first);
    if (value != null) {
      payload.put(first, without(value, 0));
    }
  }

  private Value without(Value value, int step) {
    Step s = rest.get(step);
    boolean last = step == rest.size() - 1;
    if (s instanceof Key key && value.hasStructValue()) {
      Map<String, Value> fields = new LinkedHashMap<>(value.getStructValue().getFieldsMap());
      if (last) {
        fields.remove(key.name());
      } else if (fields.containsKey(key.name())) {
        fields.put(key.name(), without(fields.get(key.name()), step + 1));
      }
      return Value.newBuilder().setStructValue(Struct.newBuilder().putAllFields(fields)).build();
    }
    if (s instanceof Wildcard && value.hasListValue()) {
      if (last) {
        return Value.newBuilder().setListValue(ListValue.getDefaultInstance()).build();
      }
      ListValue.Builder list = ListValue.newBuilder();
      for (Value element : value.getListValue().getValuesList()) {
        list.addValues(without(element, step + 1));
      }
      return Value.newBuilder().setListValue(list).build();
    }
    return value;
  }
}
