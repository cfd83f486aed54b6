package dev.ironcliw.vision.provider;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ListenerOwnerTest {
  private static final String HEADER =
      "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout"
          + " inode";

  /**
   * A line of /proc/net/tcp or tcp6: a socket on {@code local} in {@code state}, of {@code uid}.
   */
  private static String socket(String local, String state, long uid) {
    return "   0: "
        + local
        + " 00000000:0000 "
        + state
        + " 00000000:00000000 00:00000000 00000000 "
        + uid
        + "        0 4242 1 0000000000000000 100 0 0 10 0";
  }

  @Test
  void shouldFindTheOwnerOfTheSocketListeningOnThePort() {
    // 11434 is 2CAA; 127.0.0.1 little-endian is 0100007F
    List<String> tcp =
        List.of(
            HEADER,
            socket("0100007F:2CAA", "0A", 1000),
            socket("0100007F:2CAA", "01", 65534), // a connection, not a listener
            socket("0100007F:1BCD", "0A", 65534)); // another port
    ListenerOwner.Check mine = ListenerOwner.check(tcp, 11434, 1000);
    assertEquals(ListenerOwner.Verdict.SAME_USER, mine.verdict(), mine.detail());
    ListenerOwner.Check theirs = ListenerOwner.check(tcp, 11434, 1001);
    assertEquals(ListenerOwner.Verdict.OTHER_USER, theirs.verdict());
    assertTrue(theirs.detail().contains("uid 1000, not 1001"), theirs.detail());
  }

  @Test
  void shouldDistrustAPortWhereAnotherUsersWildcardListenerAlsoListens() {
    List<String> tables =
        List.of(
            socket("0100007F:2CAA", "0A", 1000),
            socket("00000000000000000000000000000000:2CAA", "0A", 65534)); // [::]:11434 in tcp6
    assertEquals(
        ListenerOwner.Verdict.OTHER_USER, ListenerOwner.check(tables, 11434, 1000).verdict());
  }

  @Test
  void shouldNotTellWhenNothingListens() {
    ListenerOwner.Check none = ListenerOwner.check(List.of(HEADER), 11434, 1000);
    assertEquals(ListenerOwner.Verdict.NO_LISTENER, none.verdict());
    assertTrue(none.detail().startsWith("no socket listens on port 11434"), none.detail());
  }
}
