package org.polyplex.proxy.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.polyplex.proxy.config.ProxyConfig;
import org.polyplex.testsupport.TestConfigs;

import org.junit.jupiter.api.Test;

class MemoryBudgetTest {

    @Test
    void reservesWhatFitsAndGivesItBackOnce() {
        MemoryBudget budget = new MemoryBudget(100);
        MemoryBudget.Reservation a = budget.reserve(60).orElseThrow();
        assertThat(budget.reserve(41)).isEmpty();
        MemoryBudget.Reservation b = budget.reserve(40).orElseThrow();
        assertThat(budget.used()).isEqualTo(100);
        a.release();
        a.release();
        assertThat(budget.used()).isEqualTo(40);
        b.release();
        assertThat(budget.used()).isZero();
    }

    @Test
    void concurrentReservationsNeverExceedTheTotal() throws Exception {
        MemoryBudget budget = new MemoryBudget(1000);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<List<MemoryBudget.Reservation>>> parts = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            parts.add(pool.submit(() -> {
                List<MemoryBudget.Reservation> got = new ArrayList<>();
                for (int i = 0; i < 1000; i++) {
                    budget.reserve(7).ifPresent(got::add);
                }
                return got;
            }));
        }
        long reserved = 0;
        List<MemoryBudget.Reservation> all = new ArrayList<>();
        for (Future<List<MemoryBudget.Reservation>> part : parts) {
            all.addAll(part.get(10, TimeUnit.SECONDS));
        }
        pool.shutdown();
        for (MemoryBudget.Reservation r : all) {
            reserved += r.bytes();
        }
        assertThat(reserved).isEqualTo(budget.used()).isLessThanOrEqualTo(1000).isGreaterThan(1000 - 7);
        all.forEach(MemoryBudget.Reservation::release);
        assertThat(budget.used()).isZero();
    }

    @Test
    void aReservationGrowsOnlyWithinTheBudgetAndGivesEverythingBackOnce() {
        MemoryBudget budget = new MemoryBudget(100);
        MemoryBudget.Reservation viewer = budget.reserve(10).orElseThrow();
        MemoryBudget.Reservation other = budget.reserve(50).orElseThrow();
        assertThat(viewer.growTo(51)).as("one byte too many").isFalse();
        assertThat(viewer.bytes()).isEqualTo(10);
        assertThat(viewer.growTo(50)).isTrue();
        assertThat(viewer.growTo(20)).as("holds more already").isTrue();
        assertThat(budget.used()).isEqualTo(100);
        viewer.release();
        viewer.release();
        assertThat(viewer.growTo(45)).as("released").isFalse();
        assertThat(budget.used()).isEqualTo(50);
        other.release();
        assertThat(budget.used()).isZero();
    }

    @Test
    void unsetIsHalfTheMaximumHeap() {
        MemoryBudget budget = MemoryBudget.of(TestConfigs.defaults(ProxyConfig.class));
        assertThat(budget.total()).isEqualTo(Runtime.getRuntime().maxMemory() / 100 * 50);
    }

    @Test
    void aConfiguredSizeIsUsedAndMustHoldOneSessionAndOneViewer() {
        ProxyConfig config = TestConfigs.of(ProxyConfig.class, Map.of("polyplex.proxy.memory.max-buffer-bytes", "2G"));
        assertThat(MemoryBudget.of(config, 4L << 30).total()).isEqualTo(2L << 30);
        ProxyConfig tiny = TestConfigs.of(ProxyConfig.class, Map.of("polyplex.proxy.memory.max-buffer-bytes", "1M"));
        assertThatThrownBy(() -> MemoryBudget.of(tiny)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("polyplex.proxy.memory.max-buffer-bytes");
    }

    @Test
    void aBudgetAboveTheDirectMemoryLimitIsRefused() {
        ProxyConfig config = TestConfigs.of(ProxyConfig.class, Map.of("polyplex.proxy.memory.max-buffer-bytes", "2G"));

        assertThatThrownBy(() -> MemoryBudget.of(config, 1L << 30)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("max-buffer-bytes=2147483648", "direct memory limit (1073741824 bytes",
                        "-XX:MaxDirectMemorySize");
        assertThat(MemoryBudget.of(config, 2L << 30).total()).as("up to the limit").isEqualTo(2L << 30);
    }

    @Test
    void unsetIsHalfTheDirectMemoryLimitWhenThatIsBelowTheHeap() {
        long direct = Runtime.getRuntime().maxMemory() / 4;

        assertThat(MemoryBudget.of(TestConfigs.defaults(ProxyConfig.class), direct).total())
                .isEqualTo(direct / 100 * 50);
    }

    @Test
    void theDirectMemoryLimitIsTheMaximumHeapUnlessSet() {
        long limit = MemoryBudget.directMemoryLimit();
        boolean set = ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .anyMatch(a -> a.startsWith("-XX:MaxDirectMemorySize"));
        if (!set) {
            assertThat(limit).isEqualTo(Runtime.getRuntime().maxMemory());
        }
        assertThat(MemoryBudget.of(TestConfigs.defaults(ProxyConfig.class)).total()).isLessThanOrEqualTo(limit);
    }
}
