package org.polyplex.hdhr.ssdp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

class AnswerBudgetTest {

    @Test
    void shouldAllowABurstThenRefillAtTheRateWithoutSavingMoreThanABurst() {
        AtomicLong now = new AtomicLong(0);
        AnswerBudget budget = new AnswerBudget(4, now::get);

        assertThat(taken(budget, 10)).isEqualTo(4);
        now.addAndGet(500_000_000L); // half a second: two more
        assertThat(taken(budget, 10)).isEqualTo(2);
        now.addAndGet(60_000_000_000L); // a quiet minute saves no more than one burst
        assertThat(taken(budget, 10)).isEqualTo(4);
    }

    @Test
    void shouldRefuseANonPositiveRate() {
        assertThatThrownBy(() -> new AnswerBudget(0, System::nanoTime)).isInstanceOf(IllegalArgumentException.class);
    }

    private static int taken(AnswerBudget budget, int tries) {
        int n = 0;
        for (int i = 0; i < tries; i++) {
            if (budget.take()) {
                n++;
            }
        }
        return n;
    }
}
