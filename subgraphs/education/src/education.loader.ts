import { In } from 'typeorm';
import type { SubgraphContext } from '@hub/shared';
import { EducationAid } from './entities/education-aid.entity';
import { Enrolment } from './entities/enrolment.entity';
import { HomeDelivery, HomeDeliverySession } from './entities/home-delivery.entity';
import { School } from './entities/school.entity';

/** One SQL statement per field family and batch, whatever the number of children asked for. */
export const educationLoaders = (ctx: SubgraphContext) => ({
  enrolmentsByChild: ctx.loaders.many(
    'enrolmentsByChild',
    (ids: string[]) => ctx.db.getRepository(Enrolment).find({ where: { childId: In(ids) }, order: { statusSince: 'DESC', id: 'DESC' } }),
    (e) => e.childId,
  ),
  schoolByCode: ctx.loaders.one(
    'schoolByCode',
    (codes: string[]) => ctx.db.getRepository(School).findBy({ code: In(codes) }),
    (s) => s.code,
  ),
  homeDeliveryByChild: ctx.loaders.one(
    'homeDeliveryByChild',
    (ids: string[]) => ctx.db.getRepository(HomeDelivery).findBy({ childId: In(ids) }),
    (h) => h.childId,
  ),
  sessionsByChild: ctx.loaders.many(
    'sessionsByChild',
    (ids: string[]) => ctx.db.getRepository(HomeDeliverySession).find({ where: { childId: In(ids) }, order: { sessionDate: 'DESC' } }),
    (s) => s.childId,
  ),
  aidByChild: ctx.loaders.many(
    'aidByChild',
    (ids: string[]) => ctx.db.getRepository(EducationAid).find({ where: { childId: In(ids) }, order: { year: 'DESC', id: 'ASC' } }),
    (a) => a.childId,
  ),
});
