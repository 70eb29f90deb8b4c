/** WordPress roles the fake store knows; administrators and shop managers hold `manage_woocommerce`. */
export type UserRole = 'administrator' | 'shop_manager' | 'customer';

/** A WordPress user of the store (the owner of REST keys and webhooks). */
export interface StoreUser {
  id: number;
  login: string;
  role: UserRole;
}

/** The store's administrator, user 1, logged in to wp-admin in the sandbox's browser session. */
export const STORE_ADMIN: StoreUser = { id: 1, login: 'admin', role: 'administrator' };

/** Whether a role holds WooCommerce's shop capabilities (`manage_woocommerce`, `read_private_shop_orders`, …). */
export function canManageWooCommerce(role: UserRole): boolean {
  return role === 'administrator' || role === 'shop_manager';
}

/** The store's users: the administrator plus any a test adds (e.g. a customer who owns a REST key). */
export class UserStore {
  private readonly users: StoreUser[] = [STORE_ADMIN];

  /** Adds a user with a role; ids follow WordPress's users table. */
  add(role: UserRole): StoreUser {
    const id = Math.max(...this.users.map((user) => user.id)) + 1;
    const user: StoreUser = { id, login: `${role}${id}`, role };
    this.users.push(user);
    return user;
  }

  /** A user by id. */
  get(id: number): StoreUser | undefined {
    return this.users.find((user) => user.id === id);
  }
}
