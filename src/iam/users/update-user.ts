// UpdateUser (IAM API Reference): renames a user or moves it to another path. Both the old and the new
// name must be allowed (the action is authorised on both ARNs).
import { operation } from '../../api/index.ts';
import { principalArn } from '../../identity/index.ts';
import { StoreConflict } from '../../store/index.ts';
import { callerAccount } from '../account/caller-account.ts';
import { authorizedUser, noSuchUser, userAlreadyExists } from '../entities/users.ts';
import { EXISTING_USER_NAME, PATH, USER_NAME } from '../shapes/common.ts';

const input = {
  type: 'structure',
  members: { UserName: EXISTING_USER_NAME, NewPath: PATH, NewUserName: USER_NAME },
  required: ['UserName'],
} as const;

export const updateUser = operation({
  name: 'UpdateUser',
  input,
  readOnly: false,
  async run(ctx, req) {
    const accountId = callerAccount(ctx);
    await ctx.store.transaction(async (tx) => {
      const user = await authorizedUser(ctx, tx, accountId, 'iam:UpdateUser', req.UserName);
      const newName = req.NewUserName ?? user.name;
      const newPath = req.NewPath ?? user.path;
      ctx.authorize({ action: 'iam:UpdateUser', resource: principalArn('user', accountId, newPath, newName) });
      const updated = await tx.users.update(user.userId, { name: newName, path: newPath });
      if (updated instanceof StoreConflict) throw userAlreadyExists(newName);
      if (updated === undefined) throw noSuchUser(req.UserName);
    });
    await ctx.refresh();
    return undefined;
  },
});
