/**
 * Every AWS solution's SAM template is valid and deploys what its lab teaches: the SAM
 * transform, a supported Node.js runtime, a Handler/CodeUri that resolves to a bundle exporting
 * that handler, and event sources wired the way the lab says (partial batch responses and a DLQ
 * for SQS, a prefix filter on S3, a schedule, an EventBridge pattern, the state machine's
 * definition file).
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readTemplate, samFunctions, type Template } from '../../src/deploy/sam.ts';
import { course, ROOT } from '../helpers.ts';

const awsLabs = course.labs.filter((l) => l.platform === 'aws-lambda');
const SUPPORTED = ['nodejs22.x', 'nodejs24.x'];

type Ref = { Ref?: string; 'Fn::GetAtt'?: string[] } | string | undefined;
function referenced(value: Ref): string | undefined {
  if (!value || typeof value === 'string') return undefined;
  return value.Ref ?? value['Fn::GetAtt']?.[0];
}

describe.each(awsLabs.map((l) => [l.id, l] as const))('the SAM template of %s', (_id, lab) => {
  const file = path.join(ROOT, 'solutions', lab.dir, 'template.yaml');
  const template: Template = readTemplate(file);
  const functions = samFunctions(file, template);
  const resources = template.Resources ?? {};

  it('is a SAM template with at least one function on a supported Node.js runtime', () => {
    expect([template.Transform].flat()).toContain('AWS::Serverless-2016-10-31');
    expect(functions.length).toBeGreaterThan(0);
    for (const fn of functions) expect(SUPPORTED, `${fn.logicalId} Runtime`).toContain(fn.runtime);
  });

  it("points every function at its lab's bundle, built from a solution file that exports the handler", async () => {
    for (const fn of functions) {
      expect(fn.codeUri.replace(/\/$/, ''), `${fn.logicalId} CodeUri`).toBe(
        `../../dist/functions/${lab.slug}`,
      );
      const source = path.join(ROOT, 'solutions', lab.dir, 'src', `${fn.file}.ts`);
      expect(
        existsSync(source),
        `${fn.logicalId} Handler ${fn.handler}: solutions/${lab.dir}/src/${fn.file}.ts`,
      ).toBe(true);
      const module = (await import(source)) as Record<string, unknown>;
      expect(typeof module[fn.exportName], `${fn.file}.ts exports ${fn.exportName}`).toBe(
        'function',
      );
    }
  });

  it('wires its event sources as the lab teaches', () => {
    for (const fn of functions) {
      for (const event of fn.events) {
        const p = event.properties;
        const where = `${fn.logicalId}.${event.name} (${event.type})`;
        if (event.type === 'SQS') {
          expect(p.FunctionResponseTypes, `${where}: FunctionResponseTypes`).toContain(
            'ReportBatchItemFailures',
          );
          const queue = resources[referenced(p.Queue as Ref) ?? ''];
          if (queue) {
            const redrive = (queue.Properties?.RedrivePolicy ?? {}) as {
              maxReceiveCount?: number;
              deadLetterTargetArn?: unknown;
            };
            const isDlq = Object.values(resources).some(
              (r) =>
                referenced(
                  (r.Properties?.RedrivePolicy as { deadLetterTargetArn?: Ref } | undefined)
                    ?.deadLetterTargetArn,
                ) === referenced(p.Queue as Ref),
            );
            if (!isDlq) {
              expect(
                redrive.maxReceiveCount,
                `${where}: the queue's RedrivePolicy.maxReceiveCount`,
              ).toBeGreaterThan(0);
              expect(
                redrive.deadLetterTargetArn,
                `${where}: the queue's dead-letter queue`,
              ).toBeDefined();
            }
          }
        }
        if (event.type === 'S3') {
          const rules = (
            (p.Filter as { S3Key?: { Rules?: { Name: string; Value: string }[] } } | undefined)
              ?.S3Key?.Rules ?? []
          ).filter((r) => r.Name.toLowerCase() === 'prefix');
          expect(
            rules.length,
            `${where}: a prefix filter, so the function's own output never triggers it`,
          ).toBeGreaterThan(0);
        }
        if (event.type === 'Schedule' || event.type === 'ScheduleV2') {
          expect(
            String(p.Schedule ?? p.ScheduleExpression),
            `${where}: schedule expression`,
          ).toMatch(/^(rate|cron|at)\(/);
        }
        if (event.type === 'EventBridgeRule' || event.type === 'CloudWatchEvent') {
          expect(p.Pattern, `${where}: an event pattern`).toBeDefined();
        }
      }
    }
  });

  it('deploys every state machine with a definition file that exists', () => {
    for (const [id, resource] of Object.entries(resources)) {
      if (resource.Type !== 'AWS::Serverless::StateMachine') continue;
      const uri = resource.Properties?.DefinitionUri;
      expect(typeof uri, `${id}.DefinitionUri`).toBe('string');
      expect(
        existsSync(path.resolve(path.dirname(file), uri as string)),
        `${id}.DefinitionUri ${uri}`,
      ).toBe(true);
    }
  });
});
