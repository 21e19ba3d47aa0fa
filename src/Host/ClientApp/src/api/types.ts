// The REST API's shapes, taken from the generated OpenAPI types (schema.ts) so that the page and the server cannot drift apart.
import type { components } from "./schema";

type Schemas = components["schemas"];

export type InstanceView = Omit<Schemas["InstanceView"], "activities"> & { activities: ActivityExecutionView[] };
// JsonElement values (inputs, outputs) have no schema in the document: any JSON.
export type ActivityExecutionView = Omit<Schemas["ActivityExecutionView"], "outputs"> & { outputs: unknown };
export type IncidentView = Schemas["IncidentView"];
export type JournalEntryView = Schemas["JournalEntryView"];
export type InstanceSummary = Schemas["InstanceSummary"];
export type ActivityNode = Omit<Schemas["ActivityNode"], "inputs"> & { inputs?: Record<string, unknown> };
export type WorkflowDefinition = Omit<Schemas["WorkflowDefinition"], "root"> & {
  root: Omit<Schemas["Flowchart"], "activities"> & { activities?: ActivityNode[] };
};
export type Connection = Schemas["Connection"];
export type DefinitionVersionSummary = Schemas["DefinitionVersionSummary"];
export type DefinitionSummary = Schemas["DefinitionSummary"];
export type LogLine = Schemas["LogLine"];

export interface Page<T> {
  items: T[];
  page: number;
  pageSize: number;
  total: number;
}
export type ActivityChart = Schemas["ActivityChart"];
export type SearchChart = Schemas["SearchChart"];
export type EpochChartPoint = Schemas["EpochChartPoint"];
