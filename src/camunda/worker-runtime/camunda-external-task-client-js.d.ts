// The package ships no types; external-task-client.adapter.ts describes the parts it uses.
declare module 'camunda-external-task-client-js';
