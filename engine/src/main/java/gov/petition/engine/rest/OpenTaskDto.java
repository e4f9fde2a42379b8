package gov.petition.engine.rest;

import java.util.List;

import org.camunda.bpm.engine.rest.dto.task.TaskDto;
import org.camunda.bpm.engine.task.Task;

/** A task as Camunda's REST API gives it (GET /task), with the groups it is offered to. */
public class OpenTaskDto extends TaskDto {
  private final List<String> candidateGroups;

  OpenTaskDto(Task task, List<String> candidateGroups) {
    super(task);
    this.candidateGroups = candidateGroups;
  }

  public List<String> getCandidateGroups() {
    return candidateGroups;
  }
}
