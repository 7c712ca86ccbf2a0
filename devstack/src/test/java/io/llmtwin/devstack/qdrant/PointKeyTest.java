package io.llmtwin.devstack.qdrant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.qdrant.client.grpc.Points.PointId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class PointKeyTest {

  @Test
  void ordersUnsignedNumbersBeforeUuids() {
    PointKey small = PointKey.of(PointId.newBuilder().setNum(2).build());
    PointKey huge = PointKey.of(PointId.newBuilder().setNum(-1L).build()); // 2^64 - 1
    PointKey uuidLow =
        PointKey.of(PointId.newBuilder().setUuid("00000000-0000-0000-0000-000000000001").build());
    PointKey uuidHigh =
        PointKey.of(PointId.newBuilder().setUuid("F0000000-0000-0000-0000-000000000000").build());
    List<PointKey> keys = new ArrayList<>(List.of(uuidHigh, huge, uuidLow, small));

    Collections.sort(keys);

    assertThat(keys).containsExactly(small, huge, uuidLow, uuidHigh);
    assertThat(huge.toString()).isEqualTo("18446744073709551615");
  }

  @Test
  void acceptsSimpleUuidFormAndReturnsItHyphenatedLowerCase() {
    PointKey key =
        PointKey.of(PointId.newBuilder().setUuid("5C56C79369F34FBF87E6C4BF54C28C26").build());

    assertThat(key.toProto().getUuid()).isEqualTo("5c56c793-69f3-4fbf-87e6-c4bf54c28c26");
  }

  @Test
  void acceptsUrnFormOfUuid() {
    PointKey key =
        PointKey.of(
            PointId.newBuilder().setUuid("urn:uuid:F9168C5E-CEB2-4faa-B6BF-329BF39FA1E4").build());

    assertThat(key.toString()).isEqualTo("f9168c5e-ceb2-4faa-b6bf-329bf39fa1e4");
  }

  @Test
  void rejectsAnInvalidUuidAsInvalidArgument() {
    assertThatThrownBy(() -> PointKey.of(PointId.newBuilder().setUuid("not-a-uuid").build()))
        .isInstanceOf(StatusRuntimeException.class)
        .extracting(e -> ((StatusRuntimeException) e).getStatus().getCode())
        .isEqualTo(Status.Code.INVALID_ARGUMENT);
  }
}
