package gov.petition.engine.rest;

import java.util.ArrayList;
import java.util.List;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response.Status;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.rest.exception.InvalidRequestException;
import org.camunda.bpm.engine.rest.util.EngineUtil;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.camunda.bpm.engine.task.Task;

/**
 * {@code GET /engine-rest/petition/open-tasks?businessKey=…}: the open tasks of one petition (its
 * business key spans the processes it calls) with the groups each is offered to, in one engine
 * transaction. The API's task index asks this after every step; Camunda's own REST API needs a task
 * query (which also resolves every task's form key, a process-definition read each) and one
 * identity-link call per task for the same answer. Behind the same authentication as every other
 * resource under /engine-rest.
 */
@Path("/petition/open-tasks")
@Produces(MediaType.APPLICATION_JSON)
public class OpenTasksResource {
  /** As many as the API's own task query asked for (a petition has a handful). */
  static final int MAX_TASKS = 100;

  @GET
  public List<OpenTaskDto> openTasks(@QueryParam("businessKey") String businessKey) {
    if (businessKey == null || businessKey.isBlank()) {
      throw new InvalidRequestException(Status.BAD_REQUEST, "businessKey is required");
    }
    ProcessEngine engine = EngineUtil.lookupProcessEngine(null);
    TaskService tasks = engine.getTaskService();
    ProcessEngineConfigurationImpl configuration = (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
    // One command: the query and the identity-link reads share its transaction and its entity cache.
    return configuration.getCommandExecutorTxRequired().execute(commandContext -> {
      List<OpenTaskDto> open = new ArrayList<>();
      for (Task task : tasks.createTaskQuery().processInstanceBusinessKey(businessKey).orderByTaskId().asc().listPage(0, MAX_TASKS)) {
        List<String> groups = new ArrayList<>();
        for (IdentityLink link : tasks.getIdentityLinksForTask(task.getId())) {
          if (IdentityLinkType.CANDIDATE.equals(link.getType()) && link.getGroupId() != null) {
            groups.add(link.getGroupId());
          }
        }
        open.add(new OpenTaskDto(task, groups));
      }
      return open;
    });
  }
}
