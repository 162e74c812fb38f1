package org.village.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The local broker's storage is formatted with an id the storage tool accepts, every time. */
class KafkaNodeTest {

    @Test
    void noClusterIdStartsWithADashWhichTheStorageToolWouldReadAsAnOption() {
        // one random id in 64 starts with '-'; 2,000 draws would meet about 31 of them
        assertThat(IntStream.range(0, 2_000).mapToObj(i -> KafkaNode.clusterId()))
                .allSatisfy(
                        id -> assertThat(id).hasSize(22).doesNotStartWith("-").matches("[A-Za-z0-9_-]+"));
    }
}
