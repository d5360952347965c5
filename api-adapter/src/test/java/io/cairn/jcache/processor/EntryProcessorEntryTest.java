package io.cairn.jcache.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cairn.jcache.processor.EntryProcessorEntry.Action;
import org.junit.jupiter.api.Test;

class EntryProcessorEntryTest {

  @Test
  void action_untouched_isNone() {
    assertEquals(Action.NONE, new EntryProcessorEntry<>("k", "v", null).action());
  }

  @Test
  void getValue_existing_isRead_missingWithLoader_isLoaded() {
    EntryProcessorEntry<String, String> present = new EntryProcessorEntry<>("k", "v", null);
    assertEquals("v", present.getValue());
    assertEquals(Action.READ, present.action());

    EntryProcessorEntry<String, String> missing =
        new EntryProcessorEntry<>("k", null, key -> "loaded-" + key);
    assertTrue(missing.exists() == false);
    assertEquals("loaded-k", missing.getValue());
    assertEquals(Action.LOADED, missing.action());
  }

  @Test
  void setValue_decidesCreateOrUpdate_byTheOriginalEntry() {
    EntryProcessorEntry<String, String> missing = new EntryProcessorEntry<>("k", null, null);
    missing.setValue("a");
    assertEquals(Action.CREATED, missing.action());
    EntryProcessorEntry<String, String> present = new EntryProcessorEntry<>("k", "v", null);
    present.remove();
    present.setValue("b");
    assertEquals(Action.UPDATED, present.action());
    assertThrows(NullPointerException.class, () -> present.setValue(null));
  }

  @Test
  void remove_undoesACreation_butDeletesOtherwise() {
    EntryProcessorEntry<String, String> created = new EntryProcessorEntry<>("k", null, null);
    created.setValue("a");
    created.remove();
    assertEquals(Action.NONE, created.action());
    assertFalse(created.exists());

    EntryProcessorEntry<String, String> absent = new EntryProcessorEntry<>("k", null, null);
    absent.remove(); // still a delete: the writer hears of it
    assertEquals(Action.DELETED, absent.action());

    EntryProcessorEntry<String, String> present = new EntryProcessorEntry<>("k", "v", null);
    present.remove();
    assertEquals(Action.DELETED, present.action());
    assertNull(present.getValue());
  }
}
