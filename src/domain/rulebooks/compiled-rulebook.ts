import { celEnv, isCelError, parse, plan, type CelInput } from '@bufbuild/cel';
import type { Rulebook, RulebookRule } from '../catalog/pack.js';
import { rulebookId } from './rulebook-id.js';

/** What a rule's CEL sees of one record. */
export interface RuleInput {
  readonly type: string;
  readonly payload: Readonly<Record<string, unknown>>;
  readonly ageDays: number;
  readonly status: string;
}

/** A CEL expression's answer: a value, or the evaluator's message (e.g. a field the record lacks). */
export type RuleValue<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: string };

export interface CompiledRule {
  readonly rule: RulebookRule;
  /** Whether the rule applies to the record; always true without a `when`. */
  applies(input: RuleInput): RuleValue<boolean>;
  /** The undecayed points of a record the rule applies to. */
  points(input: RuleInput): RuleValue<number>;
}

/** A rulebook with every CEL expression planned once, and its rules indexed by record type. */
export interface CompiledRulebook {
  readonly rulebook: Rulebook;
  readonly id: string;
  /** A record meets only the rules of its own type. */
  rulesFor(recordType: string): readonly CompiledRule[];
}

const ENV = celEnv();

/** Plans the rulebook's expressions (pack check has already proven they compile). */
export function compileRulebook(rulebook: Rulebook): CompiledRulebook {
  const byType = new Map<string, CompiledRule[]>();
  for (const rule of rulebook.rules) {
    const compiled = compileRule(rule);
    for (const type of rule.recordTypes) byType.set(type, [...(byType.get(type) ?? []), compiled]);
  }
  return { rulebook, id: rulebookId(rulebook), rulesFor: (type) => byType.get(type) ?? [] };
}

function compileRule(rule: RulebookRule): CompiledRule {
  const when = rule.when === undefined ? undefined : plan(ENV, parse(rule.when));
  const points = typeof rule.points === 'number' ? undefined : plan(ENV, parse(rule.points));
  const fixed = typeof rule.points === 'number' ? rule.points : 0;
  return {
    rule,
    applies(input) {
      if (!when) return { ok: true, value: true };
      const value = when(bindings(input));
      if (isCelError(value)) return { ok: false, error: value.message };
      return typeof value === 'boolean' ? { ok: true, value } : { ok: false, error: 'the condition is not a boolean' };
    },
    points(input) {
      if (!points) return { ok: true, value: fixed };
      const value = points(bindings(input));
      if (isCelError(value)) return { ok: false, error: value.message };
      return typeof value === 'number' || typeof value === 'bigint'
        ? { ok: true, value: Number(value) }
        : { ok: false, error: 'the points expression is not a number' };
    },
  };
}

/** CEL ints are bigints; the age in days is a whole number of days. A plain JSON object binds as a CEL map. */
function bindings(input: RuleInput): Record<string, CelInput> {
  return {
    type: input.type,
    payload: input.payload as unknown as CelInput,
    ageDays: BigInt(Math.floor(input.ageDays)),
    status: input.status,
  };
}
