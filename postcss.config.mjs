// Tailwind CSS v4 runs as a PostCSS plugin; its entry point is `@import "tailwindcss"` in app/globals.css.
const config = {
  plugins: {
    "@tailwindcss/postcss": {},
  },
};

export default config;
