/** A user in the console's owner pickers. */
export interface OwnerOption {
  id: string;
  /** Name and email, as shown. */
  label: string;
  /** Uploaders and admins may be given images; viewers only appear in the filter. */
  canOwn: boolean;
}
