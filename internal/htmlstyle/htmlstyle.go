// Package htmlstyle is the style the HTML pages of fsmvet's subcommands
// share (report, verify), so that they read as one tool's.
package htmlstyle

// Base is the CSS both pages start from: type, headings and tables.
const Base = `body { font: 14px/1.4 system-ui, sans-serif; margin: 2em; color: #222; max-width: 1100px; }
h1 { font-size: 1.4em; } h2 { font-size: 1.1em; margin-top: 2em; }
table { border-collapse: collapse; } td, th { padding: 2px 8px; text-align: left; }
th { border-bottom: 1px solid #999; } .num { text-align: right; font-variant-numeric: tabular-nums; }
`
