/**
 * Reads AWS SAM templates (CloudFormation YAML with its short-form tags such as `!Ref` and
 * `!Sub`), and lists the functions they deploy: where the code is, which export handles
 * events, the runtime, and the event sources wired to each function.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse, type Tags } from 'yaml';

const INTRINSICS = [
  'Ref',
  'Sub',
  'GetAtt',
  'Join',
  'Select',
  'Split',
  'If',
  'Equals',
  'Not',
  'And',
  'Or',
  'FindInMap',
  'ImportValue',
  'Base64',
  'Cidr',
  'GetAZs',
  'Condition',
  'Transform',
];

/** `!Ref X` → `{ Ref: X }`, `!GetAtt A.B` → `{ 'Fn::GetAtt': ['A', 'B'] }`, and so on. */
const CFN_TAGS: Tags = INTRINSICS.flatMap((name) => {
  const key = name === 'Ref' || name === 'Condition' ? name : `Fn::${name}`;
  const wrap = (value: unknown) => ({
    [key]: name === 'GetAtt' && typeof value === 'string' ? value.split('.') : value,
  });
  return [
    { tag: `!${name}`, resolve: (value: unknown) => wrap(value) },
    {
      tag: `!${name}`,
      collection: 'seq' as const,
      resolve: (value: { toJSON(): unknown }) => wrap(value.toJSON()),
    },
    {
      tag: `!${name}`,
      collection: 'map' as const,
      resolve: (value: { toJSON(): unknown }) => wrap(value.toJSON()),
    },
  ];
});

export type Template = {
  AWSTemplateFormatVersion?: string;
  Transform?: string | string[];
  Globals?: { Function?: Record<string, unknown> };
  Resources?: Record<string, { Type: string; Properties?: Record<string, unknown> }>;
  Outputs?: Record<string, unknown>;
};

export function readTemplate(file: string): Template {
  return parse(readFileSync(file, 'utf8'), { customTags: CFN_TAGS }) as Template;
}

export type Kind =
  | 'api-v1'
  | 'api-v2'
  | 'sqs'
  | 's3'
  | 'sns'
  | 'scheduled'
  | 'eventbridge'
  | 'dynamodb-stream'
  | 'kinesis'
  | 'direct';

const EVENT_KINDS: Record<string, Kind> = {
  Api: 'api-v1',
  HttpApi: 'api-v2',
  SQS: 'sqs',
  S3: 's3',
  SNS: 'sns',
  Schedule: 'scheduled',
  ScheduleV2: 'scheduled',
  EventBridgeRule: 'eventbridge',
  CloudWatchEvent: 'eventbridge',
  DynamoDB: 'dynamodb-stream',
  Kinesis: 'kinesis',
};

export interface SamEvent {
  name: string;
  type: string;
  properties: Record<string, unknown>;
}

export interface SamFunction {
  logicalId: string;
  /** CodeUri as written, and resolved against the template's folder. */
  codeUri: string;
  codeDir: string;
  /** `file.export`, e.g. `handler.handler`. */
  handler: string;
  file: string;
  exportName: string;
  runtime: string;
  architectures: string[];
  events: SamEvent[];
  kinds: Kind[];
  properties: Record<string, unknown>;
}

/** The serverless functions of a template, with Globals applied. */
export function samFunctions(
  templateFile: string,
  template = readTemplate(templateFile),
): SamFunction[] {
  const globals = template.Globals?.Function ?? {};
  const out: SamFunction[] = [];
  for (const [logicalId, resource] of Object.entries(template.Resources ?? {})) {
    if (resource.Type !== 'AWS::Serverless::Function') continue;
    const props = { ...globals, ...(resource.Properties ?? {}) } as Record<string, unknown>;
    const codeUri = String(props.CodeUri ?? '');
    const handler = String(props.Handler ?? '');
    const dot = handler.lastIndexOf('.');
    const events = Object.entries(
      (props.Events ?? {}) as Record<
        string,
        { Type: string; Properties?: Record<string, unknown> }
      >,
    ).map(([name, e]) => ({
      name,
      type: e.Type,
      properties: e.Properties ?? {},
    }));
    const kinds = [
      ...new Set(events.map((e) => EVENT_KINDS[e.type]).filter((k): k is Kind => Boolean(k))),
    ];
    out.push({
      logicalId,
      codeUri,
      codeDir: path.resolve(path.dirname(templateFile), codeUri),
      handler,
      file: dot > 0 ? handler.slice(0, dot) : handler,
      exportName: dot > 0 ? handler.slice(dot + 1) : 'handler',
      runtime: String(props.Runtime ?? ''),
      architectures: (props.Architectures as string[] | undefined) ?? ['x86_64'],
      events,
      kinds: kinds.length > 0 ? kinds : ['direct'],
      properties: props,
    });
  }
  return out;
}
