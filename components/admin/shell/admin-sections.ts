/** The console's pages, in nav order, with what each is for (the nav and the /admin landing page share it). */
export const ADMIN_SECTIONS = [
  { href: '/admin/images', label: 'Images', blurb: 'Every image: search, filter, bulk delete, visibility and owner.' },
  { href: '/admin/users', label: 'Users', blurb: 'Roles, invites, password resets, disabling and removal.' },
  { href: '/admin/variants', label: 'Variants', blurb: 'The named sizes images are delivered in, with previews.' },
  { href: '/admin/keys', label: 'Keys', blurb: 'Signing keys: reveal, rotate without breaking live links.' },
  { href: '/admin/usage', label: 'Usage', blurb: 'Images stored, deliveries, the estimated bill, what-ifs.' },
  { href: '/admin/duplicates', label: 'Duplicates', blurb: 'Images uploaded more than once (same content).' },
  { href: '/admin/audit', label: 'Audit', blurb: 'Who changed what, when and from where; CSV export.' },
] as const;
