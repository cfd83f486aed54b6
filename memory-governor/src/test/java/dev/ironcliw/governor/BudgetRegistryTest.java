package dev.ironcliw.governor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ironcliw.ring.BudgetExceededException;
import dev.ironcliw.ring.OffHeapBudget;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BudgetRegistryTest {
  @Test
  void shouldCountReservationsAndReleaseThemOnce() {
    BudgetRegistry registry = new BudgetRegistry(1000, Map.of("frameRing", 600L));
    OffHeapBudget.Reservation r = registry.reserve("frameRing", 400);
    assertEquals(400, registry.usedBytes().get("frameRing"));
    r.close();
    r.close();
    assertEquals(0, registry.usedBytes().get("frameRing"));
    assertEquals(0, registry.usedTotalBytes());
  }

  @Test
  void shouldRefuseAReservationOverItsComponentBudgetWithTheNumbers() {
    BudgetRegistry registry = new BudgetRegistry(1000, Map.of("frameRing", 600L));
    registry.reserve("frameRing", 400);
    BudgetExceededException e =
        assertThrows(BudgetExceededException.class, () -> registry.reserve("frameRing", 300));
    assertTrue(e.getMessage().contains("frameRing: cannot reserve 300 bytes, 200 of its 600"));
  }

  @Test
  void shouldRefuseAReservationOverTheTotal() {
    BudgetRegistry registry = new BudgetRegistry(500, Map.of("a", 400L, "b", 400L));
    registry.reserve("a", 400);
    assertThrows(BudgetExceededException.class, () -> registry.reserve("b", 200));
  }

  @Test
  void shouldRefuseAnUnknownComponent() {
    BudgetRegistry registry = new BudgetRegistry(500, Map.of("a", 400L));
    assertThrows(IllegalArgumentException.class, () -> registry.reserve("gpu", 1));
  }

  @Test
  void shouldResizeAReservationWithinItsBudgetAndKeepItsSizeWhenRefused() {
    BudgetRegistry registry = new BudgetRegistry(1000, Map.of("frameRing", 600L));
    OffHeapBudget.Reservation r = registry.reserve("frameRing", 400);
    r.resize(100);
    assertEquals(100, registry.usedBytes().get("frameRing"));
    assertThrows(BudgetExceededException.class, () -> r.resize(700));
    assertEquals(100, registry.usedBytes().get("frameRing"));
    r.resize(600);
    r.close();
    assertEquals(0, registry.usedTotalBytes());
    assertThrows(IllegalStateException.class, () -> r.resize(10));
  }

  @Test
  void shouldApplyChangedBudgetsToLaterReservations() {
    BudgetRegistry registry = new BudgetRegistry(1000, Map.of("frameRing", 600L, "dedup", 100L));
    OffHeapBudget.Reservation r = registry.reserve("frameRing", 500);
    registry.setBudgets(800, Map.of("frameRing", 300L));
    assertEquals(300, registry.budgetBytes().get("frameRing"));
    assertEquals(800, registry.totalBytes());
    assertEquals(500, registry.usedBytes().get("frameRing"), "what is held stays held");
    assertThrows(BudgetExceededException.class, () -> r.resize(501));
    r.resize(300);
    assertThrows(IllegalArgumentException.class, () -> registry.setBudgets(800, Map.of("gpu", 1L)));
  }
}
