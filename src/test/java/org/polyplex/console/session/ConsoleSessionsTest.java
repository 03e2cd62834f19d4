package org.polyplex.console.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.polyplex.accounts.Account;

import org.junit.jupiter.api.Test;

class ConsoleSessionsTest {

    private Instant now = Instant.parse("2026-01-01T00:00:00Z");
    private final Map<Long, Account> accounts = new HashMap<>();
    private final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    };
    private final ConsoleSessions sessions = new ConsoleSessions(id -> Optional.ofNullable(accounts.get(id)), clock,
            Duration.ofHours(8), Duration.ofMinutes(30), 3);

    @Test
    void shouldFindAnOpenSessionAndForgetItAtClose() {
        ConsoleSession session = sessions.open(admin(1, "root", true, true));
        assertThat(sessions.find(session.id())).contains(session);
        assertThat(session.csrf()).isNotEqualTo(session.id()).hasSizeGreaterThanOrEqualTo(43);
        sessions.close(session.id());
        assertThat(sessions.find(session.id())).isEmpty();
        assertThat(sessions.find(null)).isEmpty();
        assertThat(sessions.find("made-up")).isEmpty();
    }

    @Test
    void shouldEndAfterTheIdleTimeoutAndAtTheAbsoluteExpiry() {
        ConsoleSession idle = sessions.open(admin(1, "root", true, true));
        now = now.plus(Duration.ofMinutes(31));
        assertThat(sessions.find(idle.id())).isEmpty();

        ConsoleSession busy = sessions.open(admin(1, "root", true, true));
        for (int i = 0; i < 20; i++) {
            now = now.plus(Duration.ofMinutes(25));
            if (i < 19) {
                assertThat(sessions.find(busy.id())).as("used every 25 minutes, %d", i).isPresent();
            }
        }
        assertThat(sessions.find(busy.id())).as("past 8 hours").isEmpty();
    }

    @Test
    void shouldEndWhenTheAccountIsNoLongerAnActiveAdmin() {
        ConsoleSession session = sessions.open(admin(1, "root", true, true));
        admin(1, "root", true, false);
        assertThat(sessions.find(session.id())).isEmpty();

        ConsoleSession demoted = sessions.open(admin(2, "ops", true, true));
        admin(2, "ops", false, true);
        assertThat(sessions.find(demoted.id())).isEmpty();

        ConsoleSession recreated = sessions.open(admin(3, "dev", true, true));
        accounts.remove(3L);
        admin(4, "dev", true, true);
        assertThat(sessions.find(recreated.id())).as("same name, another account").isEmpty();
    }

    @Test
    void shouldKeepAtMostTheBoundDroppingTheLeastRecentlyUsed() {
        Account root = admin(1, "root", true, true);
        ConsoleSession first = sessions.open(root);
        now = now.plusSeconds(1);
        ConsoleSession second = sessions.open(root);
        now = now.plusSeconds(1);
        ConsoleSession third = sessions.open(root);
        now = now.plusSeconds(1);
        sessions.find(first.id());
        ConsoleSession fourth = sessions.open(root);
        assertThat(sessions.size()).isEqualTo(3);
        assertThat(sessions.find(second.id())).isEmpty();
        assertThat(sessions.find(first.id())).isPresent();
        assertThat(sessions.find(third.id())).isPresent();
        assertThat(sessions.find(fourth.id())).isPresent();
    }

    @Test
    void shouldHandOutARevealedPasswordOnceAndOnlyForItsLine() {
        ConsoleSession session = sessions.open(admin(1, "root", true, true));
        session.reveal(7, "s3cret");
        assertThat(session.takeReveal(8)).isNull();
        assertThat(session.takeReveal(7)).isEqualTo("s3cret");
        assertThat(session.takeReveal(7)).isNull();
    }

    @Test
    void shouldCompareFormTokensExactly() {
        ConsoleSession session = sessions.open(admin(1, "root", true, true));
        assertThat(ConsoleSessions.sameToken(session, session.csrf())).isTrue();
        assertThat(ConsoleSessions.sameToken(session, session.csrf() + "x")).isFalse();
        assertThat(ConsoleSessions.sameToken(session, null)).isFalse();
    }

    private Account admin(long id, String username, boolean admin, boolean enabled) {
        Account account = new Account(id, username, 1, null, false, enabled, admin, Set.of(), now, "hash");
        accounts.put(id, account);
        return account;
    }
}
