import { Arg, Ctx, Directive, FieldResolver, Resolver, Root } from 'type-graphql';
import { In } from 'typeorm';
import { FAMILY_SCOPES, ROSTER_CHECK_SCOPES, ROSTER_FAMILIES, RULE_NAMES, RULES, todayInChina, type RuleFamily } from '@hub/domain';
import { Authenticated, DateScalar, RequiresScopes, type SubgraphContext } from '@hub/subgraph-kit';
import { assessmentFactorsByChild, civilAffairsLoaders, visitsByChild } from '../civil-affairs.loader';
import { Child } from '../entities/child.type';
import { GuardianshipRevocation } from '../entities/guardianship-revocation.entity';
import { CheckOutcome as CheckOutcomeEnum, CheckResult, CheckSummary, type CheckOutcome } from './crosscheck.types';
import { requiresDirective, type ChildRepresentation } from './facts';
import { checkRules, crossCheckPolicy } from './policy';
import { age } from './calendar';
import { evaluateFamily, inScope, type CaseFile } from './rules';

const ASOF = { nullable: true, description: '核查基准日（默认今天，北京时间）' } as const;
const EVIDENCE_FOR = {
  nullable: true,
  description: '只为这些结果附依据（默认全部）；批量核查只需 FLAGGED 的依据，可大幅减少返回量',
} as const;

/** What civil affairs itself holds about the child, batched per request like every other field. */
async function caseFile(ctx: SubgraphContext, child: ChildRepresentation): Promise<CaseFile> {
  const loaders = civilAffairsLoaders(ctx);
  const revocations = ctx.loaders.many(
    'revocationsOfChild',
    // Read to decide a rule, never disclosed as such: the outcome and its reason are.
    (ids: string[]) => ctx.db.getRepository(GuardianshipRevocation).find({ where: { childId: In(ids) } }),
    (r) => r.childId,
  );
  const [record, supports, agreements, visits, revoked, assessments] = await Promise.all([
    loaders.childRecordById.load(child.id),
    loaders.supportsByChild.load(child.id),
    loaders.careAgreementsByChild.load(child.id),
    visitsByChild(ctx, null).load(child.id),
    revocations.load(child.id),
    assessmentFactorsByChild(ctx).load(child.id),
  ]);
  return {
    id: child.id,
    record: record
      ? {
          name: record.name,
          gender: record.gender,
          dateOfBirth: record.dateOfBirth,
          categories: record.categories,
          riskColour: record.riskColour,
        }
      : null,
    supports: supports.map((s) => ({ type: s.type, startDate: s.startDate, endDate: s.endDate, payingRegion: s.payingRegion })),
    agreements: agreements.map((a) => ({ signedOn: a.signedOn, validUntil: a.validUntil })),
    visits: visits.map((v) => ({ visitedOn: v.visitedOn, method: v.method })),
    revocations: revoked.map((r) => ({ parentId: r.parentId, revokedOn: r.revokedOn })),
    assessments: assessments.map((a) => ({ assessedOn: a.assessedOn, factors: a.factors })),
    facts: child,
  };
}

/** One or more families over one case file: what the child's facts and civil affairs' records say, read once. */
async function evaluate(
  families: readonly RuleFamily[],
  child: ChildRepresentation,
  asOf: string | null,
  evidenceFor: CheckOutcome[] | null,
  ctx: SubgraphContext,
  only?: ReadonlySet<string>,
): Promise<CheckResult[]> {
  const on = asOf ?? todayInChina();
  const file = await caseFile(ctx, child);
  const ev = { asOf: on, policy: crossCheckPolicy(), jurisdiction: ctx.principal.jurisdiction };
  const withEvidence = (o: string) => !evidenceFor || evidenceFor.includes(o as CheckOutcome);
  const out: CheckResult[] = [];
  for (const family of families) {
    if (!inScope(family, file)) continue;
    if (family === 'discovery' && !discoveryScope(file, on, ctx.principal.jurisdiction)) continue;
    const ids = only ? RULES[family].filter((r) => only.has(r)) : RULES[family];
    if (!ids.length) continue;
    for (const r of evaluateFamily(ids, file, ev, withEvidence)) {
      out.push({
        rule: r.rule,
        name: RULE_NAMES[r.rule],
        family,
        outcome: r.outcome as CheckOutcome,
        reason: r.reason,
        evidence: r.evidence,
        asOf: on,
      });
    }
  }
  return out;
}

/**
 * Discovery is for children public security knows, born by asOf and under age, whose hukou or any residence
 * permit lies in the caller's jurisdiction (GROUND_TRUTH §2). Without public-security facts the scope cannot
 * be decided, and the rules answer INCONCLUSIVE rather than vanish.
 */
function discoveryScope(file: CaseFile, asOf: string, jurisdiction: readonly string[]): boolean {
  const ps = file.facts.publicSecurityFacts;
  if (ps === null) return true;
  if (!ps?.found || !ps.dateOfBirth || ps.dateOfBirth > asOf || age(ps.dateOfBirth, asOf) >= crossCheckPolicy().adultAge) return false;
  const inJ = (r: string | null | undefined) => !!r && jurisdiction.some((j) => r.startsWith(j));
  return inJ(ps.hukouRegion) || (ps.permits ?? []).some((p) => inJ(p.region));
}

/**
 * The cross-check families (docs/rules.md) as fields of the child: each requires exactly the facts its
 * rules read from the other agencies (the gateway fetches them), and declares every scope those facts need.
 */
@Resolver(() => Child)
export class CrossCheckResolver {
  @Authenticated()
  @RequiresScopes(...FAMILY_SCOPES.exitChecks)
  @Directive(requiresDirective('exitChecks'))
  @FieldResolver(() => [CheckResult], { description: '应退未退核查（台账儿童；不在台账为空列表）' })
  exitChecks(
    @Root() child: ChildRepresentation,
    @Arg('asOf', () => DateScalar, ASOF) asOf: string | null,
    @Arg('evidenceFor', () => [CheckOutcomeEnum], EVIDENCE_FOR) evidenceFor: CheckOutcome[] | null,
    @Ctx() ctx: SubgraphContext,
  ) {
    return evaluate(['exitChecks'], child, asOf, evidenceFor, ctx);
  }

  @Authenticated()
  @RequiresScopes(...FAMILY_SCOPES.coverageChecks)
  @Directive(requiresDirective('coverageChecks'))
  @FieldResolver(() => [CheckResult], { description: '疑似保障对象核查（台账儿童）' })
  coverageChecks(
    @Root() child: ChildRepresentation,
    @Arg('asOf', () => DateScalar, ASOF) asOf: string | null,
    @Arg('evidenceFor', () => [CheckOutcomeEnum], EVIDENCE_FOR) evidenceFor: CheckOutcome[] | null,
    @Ctx() ctx: SubgraphContext,
  ) {
    return evaluate(['coverageChecks'], child, asOf, evidenceFor, ctx);
  }

  @Authenticated()
  @RequiresScopes(...FAMILY_SCOPES.schoolingCheck)
  @Directive(requiresDirective('schoolingCheck'))
  @FieldResolver(() => [CheckResult], { description: '控辍保学核查（台账儿童）' })
  schoolingCheck(
    @Root() child: ChildRepresentation,
    @Arg('asOf', () => DateScalar, ASOF) asOf: string | null,
    @Arg('evidenceFor', () => [CheckOutcomeEnum], EVIDENCE_FOR) evidenceFor: CheckOutcome[] | null,
    @Ctx() ctx: SubgraphContext,
  ) {
    return evaluate(['schoolingCheck'], child, asOf, evidenceFor, ctx);
  }

  @Authenticated()
  @RequiresScopes(...FAMILY_SCOPES.migrantVerification)
  @Directive(requiresDirective('migrantVerification'))
  @FieldResolver(() => [CheckResult], { description: '流动儿童核验（流动儿童台账中的儿童；其他儿童为空列表）' })
  migrantVerification(
    @Root() child: ChildRepresentation,
    @Arg('asOf', () => DateScalar, ASOF) asOf: string | null,
    @Arg('evidenceFor', () => [CheckOutcomeEnum], EVIDENCE_FOR) evidenceFor: CheckOutcome[] | null,
    @Ctx() ctx: SubgraphContext,
  ) {
    return evaluate(['migrantVerification'], child, asOf, evidenceFor, ctx);
  }

  @Authenticated()
  @RequiresScopes(...FAMILY_SCOPES.careChecks)
  @Directive(requiresDirective('careChecks'))
  @FieldResolver(() => [CheckResult], { description: '留守儿童与关爱服务核查（台账儿童）' })
  careChecks(
    @Root() child: ChildRepresentation,
    @Arg('asOf', () => DateScalar, ASOF) asOf: string | null,
    @Arg('evidenceFor', () => [CheckOutcomeEnum], EVIDENCE_FOR) evidenceFor: CheckOutcome[] | null,
    @Ctx() ctx: SubgraphContext,
  ) {
    return evaluate(['careChecks'], child, asOf, evidenceFor, ctx);
  }

  @Authenticated()
  @RequiresScopes(...ROSTER_CHECK_SCOPES)
  @Directive(requiresDirective('rosterChecks'))
  @FieldResolver(() => CheckSummary, {
    description:
      '台账儿童的核查一次取齐，按结果分组：五类台账核查（应退未退、疑似保障对象、控辍保学、流动儿童核验、留守儿童与关爱服务），rules 可加发现预警；结果与分别查询各字段相同。' +
      '供批量核查：分别查询时网关要向民政发多次请求、各带一份事实；需要五类全部权限',
  })
  async rosterChecks(
    @Root() child: ChildRepresentation,
    @Arg('asOf', () => DateScalar, ASOF) asOf: string | null,
    @Arg('evidenceFor', () => [CheckOutcomeEnum], EVIDENCE_FOR) evidenceFor: CheckOutcome[] | null,
    @Arg('rules', () => [String], {
      nullable: true,
      description:
        '只核查这些规则（规则编号；默认五类台账核查全部）。可含发现预警规则 MIG-UNREGISTERED、CARE-UNREGISTERED-LEFT-BEHIND：台账儿童同样适用，所需事实已在其中',
    })
    rules: string[] | null,
    @Ctx() ctx: SubgraphContext,
  ) {
    const on = asOf ?? todayInChina();
    const results = rules
      ? await evaluate([...ROSTER_FAMILIES, 'discovery'], child, on, evidenceFor, ctx, new Set(checkRules(rules)))
      : await evaluate(ROSTER_FAMILIES, child, on, evidenceFor, ctx);
    const summary: CheckSummary = { flagged: [], inconclusive: [], clear: [], asOf: on };
    for (const r of results) {
      if (r.outcome === CheckOutcomeEnum.CLEAR) summary.clear.push(r.rule);
      else (r.outcome === CheckOutcomeEnum.FLAGGED ? summary.flagged : summary.inconclusive).push(r);
    }
    return summary;
  }

  @Authenticated()
  @RequiresScopes(...FAMILY_SCOPES.discovery)
  @Directive(requiresDirective('discoveryChecks'))
  @FieldResolver(() => [CheckResult], {
    description: '发现预警：疑似未纳入台账的流动儿童、留守儿童（公安在册、辖区内的未成年人；其他为空列表）',
  })
  discoveryChecks(
    @Root() child: ChildRepresentation,
    @Arg('asOf', () => DateScalar, ASOF) asOf: string | null,
    @Arg('evidenceFor', () => [CheckOutcomeEnum], EVIDENCE_FOR) evidenceFor: CheckOutcome[] | null,
    @Ctx() ctx: SubgraphContext,
  ) {
    return evaluate(['discovery'], child, asOf, evidenceFor, ctx);
  }
}
