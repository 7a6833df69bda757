// `import 'server-only'` marks a module that must never reach a browser bundle. Next enforces it
// at build time, in webpack and Turbopack alike: it replaces the `server-only` specifier with its
// own vendored copy in every layer (empty on the server, an error in a client component's graph,
// where the build fails), so this file is never part of the app. It is what plain Node loads
// when a server process runs the same modules outside Next: the CLI and scripts (tsx), the
// verification worker and vitest. All of them are the server: the marker has nothing to do there.
// (The npm package throws outside the react-server condition, and turning that condition on for
// the whole process would also switch React to its server build.) Decision 035.
export {}
