import { Counter, Histogram } from 'prom-client';
import { classifyFailure } from '../common/outage';
import { runWithLogContext } from '../logging/log-context';
import { metricsRegistry } from './metrics-registry';

export const workerTaskDuration = new Histogram<'topic' | 'outcome'>({
  name: 'petition_worker_task_duration_seconds',
  help: 'How long a topic handler ran for one external task, by topic and outcome (success, failure)',
  labelNames: ['topic', 'outcome'],
  buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60],
  registers: [metricsRegistry],
});

export const workerTaskFailures = new Counter<'topic' | 'kind'>({
  name: 'petition_worker_task_failures_total',
  help: 'Topic handler runs that threw, by topic and kind (transient: an outage, retried longer; definite: anything else)',
  labelNames: ['topic', 'kind'],
  registers: [metricsRegistry],
});

export interface ObservedTask {
  topicName: string;
  businessKey?: string | null;
  processInstanceId?: string | null;
}

/**
 * Runs one handler for one external task: timed by topic, a throw counted by its kind (and passed
 * on unchanged: the worker runtime decides what becomes of it), and every line the handler logs
 * carrying the topic, the petition number (the business key) and the process instance.
 */
export async function observeTask<T>(task: ObservedTask, run: () => Promise<T>): Promise<T> {
  const end = workerTaskDuration.startTimer({ topic: task.topicName });
  const fields = { topic: task.topicName, petitionNumber: task.businessKey ?? undefined, processInstanceId: task.processInstanceId ?? undefined };
  try {
    const result = await runWithLogContext(fields, run);
    end({ outcome: 'success' });
    return result;
  } catch (error) {
    end({ outcome: 'failure' });
    workerTaskFailures.inc({ topic: task.topicName, kind: classifyFailure(error).kind });
    throw error;
  }
}
