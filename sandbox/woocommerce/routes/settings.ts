import { Router } from 'express';
import { requireCaller } from '../auth';
import { route, type StoreContext } from '../context';
import { sendRest } from '../respond';
import { RestError } from '../rest-errors';
import { settingGroups, type SettingOption } from '../setting-options';
import { systemStatus } from '../system-status';

/**
 * `GET /settings/{group}`, `GET /settings/{group}/{id}` and `GET /system_status`: read-only, for keys whose user can
 * manage WooCommerce (401 unauthenticated, 403 otherwise, "Sorry, you cannot list resources." for every one of them).
 */
export function settingsRoutes(ctx: StoreContext): Router {
  const router = Router();
  const api = () => `${ctx.settings.url}/wp-json/wc/v3`;
  const withLinks = (group: string, option: SettingOption) => ({
    ...option,
    _links: {
      self: [{ href: `${api()}/settings/${group}/${option.id}` }],
      collection: [{ href: `${api()}/settings/${group}` }],
    },
  });
  const groupOf = (group: string): SettingOption[] => {
    const options = settingGroups(ctx.settings)[group];
    if (options === undefined) {
      throw new RestError(404, 'rest_setting_setting_group_invalid', 'Invalid setting group.');
    }
    return options;
  };

  router.get(
    '/settings/:group',
    route((req, res, caller) => {
      requireCaller(caller, 'list');
      const group = String(req.params.group);
      sendRest(
        res,
        200,
        groupOf(group).map((option) => withLinks(group, option)),
      );
    }),
  );

  router.get(
    '/settings/:group/:id',
    route((req, res, caller) => {
      requireCaller(caller, 'list');
      const group = String(req.params.group);
      const option = groupOf(group).find((candidate) => candidate.id === req.params.id);
      if (option === undefined) throw new RestError(404, 'rest_setting_setting_invalid', 'Invalid setting.');
      sendRest(res, 200, withLinks(group, option));
    }),
  );

  router.get(
    '/system_status',
    route((_req, res, caller) => {
      requireCaller(caller, 'list');
      sendRest(res, 200, systemStatus(ctx.settings));
    }),
  );

  return router;
}
