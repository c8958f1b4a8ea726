import { In } from 'typeorm';
import type { SubgraphContext } from '@hub/shared';
import { DisabilityCertificate } from './entities/disability-certificate.entity';
import { Rehabilitation } from './entities/rehabilitation.entity';

/**
 * One SQL statement per field family and batch, whatever the number of people asked for. Child and
 * Parent share the certificate loader, both being keyed by the same pseudonymous id.
 */
export const disabledPersonsLoaders = (ctx: SubgraphContext) => ({
  certificatesByHolder: ctx.loaders.many(
    'certificatesByHolder',
    (ids: string[]) =>
      ctx.db
        .getRepository(DisabilityCertificate)
        .find({ where: { holderId: In(ids) }, order: { issuedOn: 'DESC', certificateNo: 'DESC' } }),
    (c) => c.holderId,
  ),
  rehabilitationByChild: ctx.loaders.many(
    'rehabilitationByChild',
    (ids: string[]) =>
      ctx.db.getRepository(Rehabilitation).find({ where: { childId: In(ids) }, order: { year: 'DESC', approvedOn: 'DESC', id: 'DESC' } }),
    (r) => r.childId,
  ),
});
