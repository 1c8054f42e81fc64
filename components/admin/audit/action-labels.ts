/**
 * Audit actions in words, for the filter and the table. An action not listed here (a new one) is
 * shown by its name: the log never hides an entry for want of a label.
 */
const LABELS: Record<string, string> = {
  'auth.sign_in_failed': 'Sign-in failures (burst)',
  'auth.password_check_failed': 'Wrong current password (password change)',
  'auth.github_refused': 'GitHub sign-in refused',
  'auth.signed_out_everywhere': 'Signed out everywhere',
  'setup.admin_created': 'First admin created',
  'user.created': 'User created',
  'user.role_changed': 'Role changed',
  'user.password_changed': 'Password changed',
  'user.name_changed': 'Display name changed',
  'user.password_reset': 'Password reset by an admin',
  'user.disabled': 'User disabled',
  'user.enabled': 'User enabled',
  'user.removed': 'User removed',
  'invite.created': 'Invite created',
  'invite.revoked': 'Invite revoked',
  'invite.accepted': 'Invite accepted',
  'image.uploaded': 'Image uploaded',
  'image.updated': 'Image title or visibility changed',
  'image.metadata_changed': 'Image metadata changed',
  'image.owner_changed': 'Image owner changed',
  'image.deleted': 'Image deleted',
  'image.trashed': 'Image moved to trash',
  'image.restored': 'Image restored from trash',
  'image.purged': 'Image deleted forever',
  'image.link_created': 'Signed link created',
  'share.created': 'Share link created',
  'share.revoked': 'Share link revoked',
  'album.created': 'Album created',
  'album.updated': 'Album renamed or cover changed',
  'album.deleted': 'Album deleted',
  'album.images_added': 'Images added to an album',
  'album.images_removed': 'Images removed from an album',
  'images.transferred': 'Images transferred',
  'variant.created': 'Variant created',
  'variant.updated': 'Variant changed',
  'variant.deleted': 'Variant deleted',
  'images_config.updated': 'Image settings changed',
  'signing_key.rotated': 'Signing key rotated',
  'signing_key.revealed': 'Signing key revealed',
  'signing_key.deleted': 'Signing key deleted',
};

export function actionLabel(action: string): string {
  return LABELS[action] ?? action;
}
