import { ROLES } from '@/lib/auth/roles';

/** The `<option>`s of a role `<select>`, lowest role first. */
export function RoleOptions() {
  return ROLES.map((role) => (
    <option key={role} value={role}>
      {role}
    </option>
  ));
}
