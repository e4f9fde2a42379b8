package gov.petition.engine;

import org.camunda.bpm.engine.impl.history.HistoryLevel;
import org.camunda.bpm.engine.impl.history.event.HistoryEventType;
import org.camunda.bpm.engine.impl.history.event.HistoryEventTypes;

/**
 * The history the product reads, and the engine's operational logs, without the per-change variable
 * log. Everything of level "full" is written (process, activity, task and variable instances, decision
 * evaluations, external-task and job logs, the user operation log, identity links) except
 * ACT_HI_DETAIL: one row for every value every variable ever took, about 25 for each petition, which
 * nothing reads (the variable's current and last values stay in ACT_HI_VARINST). Its id is full's,
 * 3, on purpose: a database written at "full" starts with it, and setting camunda.bpm.history-level
 * back to full needs no migration either (the engine compares ids only).
 */
final class PetitionHistoryLevel implements HistoryLevel {
  static final String NAME = "full-without-details";

  @Override
  public int getId() {
    return HistoryLevel.HISTORY_LEVEL_FULL.getId();
  }

  @Override
  public String getName() {
    return NAME;
  }

  /** The engine logs the level it records in the database by this. */
  @Override
  public String toString() {
    return NAME;
  }

  @Override
  public boolean isHistoryEventProduced(HistoryEventType eventType, Object entity) {
    if (eventType == HistoryEventTypes.VARIABLE_INSTANCE_UPDATE_DETAIL || eventType == HistoryEventTypes.FORM_PROPERTY_UPDATE) {
      return false;
    }
    return HistoryLevel.HISTORY_LEVEL_FULL.isHistoryEventProduced(eventType, entity);
  }
}
