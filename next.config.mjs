/** @type {import('next').NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  reactStrictMode: true,
  // Native and heavy server-only packages stay out of the bundle.
  serverExternalPackages: ['better-sqlite3', 'pg', '@node-rs/argon2', 'sharp', 'jsdom', 'dompurify'],
  // forbidden() from next/navigation: admin pages answer non-admins with app/forbidden.tsx and HTTP 403.
  experimental: { authInterrupts: true },
  async headers() {
    return [
      {
        source: '/:path*',
        headers: [
          { key: 'X-Content-Type-Options', value: 'nosniff' },
          { key: 'X-Frame-Options', value: 'DENY' },
          { key: 'Referrer-Policy', value: 'strict-origin-when-cross-origin' },
          { key: 'Permissions-Policy', value: 'camera=(), microphone=(), geolocation=()' },
        ],
      },
    ];
  },
};

export default nextConfig;
