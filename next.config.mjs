// Next.js runs inside our own Node server (server/main.ts), which also serves Socket.IO on the same
// port; nothing here may need the network at build or run time.
/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
};

export default nextConfig;
