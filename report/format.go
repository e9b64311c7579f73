package report

import (
	"encoding/json"
	"fmt"
	"html/template"
	"io"
	"math"
	"strings"

	"github.com/fsmvet/fsmvet/internal/htmlstyle"

	"github.com/fsmvet/fsmvet/internal/textwrap"
)

// WriteText prints the report as a table of at most textwrap.Width columns, then
// each finding in full, wrapped to the same width.
func (r *Report) WriteText(w io.Writer) error {
	var b strings.Builder
	fmt.Fprintf(&b, "fsmvet report: %s (%s), hot from %.1f%%\n", strings.Join(r.Profiles, ", "), r.TotalText(), 100*r.Hot)
	for _, warn := range r.Warnings {
		b.WriteString(textwrap.Wrap("warning: "+warn, "  "))
	}
	if len(r.Findings) == 0 {
		b.WriteString("no findings in these packages\n")
		_, err := io.WriteString(w, b.String())
		return err
	}
	fmt.Fprintf(&b, "\n%4s %6s %6s  %-18s %-32s %s\n", "RANK", "CUM", "FLAT", "KIND", "WHERE", "VERDICT")
	for _, f := range r.Findings {
		fmt.Fprintf(&b, "%4d %6s %6s  %-18s %-32s %s\n", f.Rank, pct(f.Cum), pct(f.Flat), f.Kind, textwrap.Short(f.Posn, 32), f.Verdict)
	}
	for _, f := range r.Findings {
		fmt.Fprintf(&b, "\n%d. %s %s at %s\n", f.Rank, f.Kind, f.Name, f.Posn)
		b.WriteString(textwrap.Wrap(fmt.Sprintf("CPU %s cumulative, %s flat, in %s", pct(f.Cum), pct(f.Flat), f.Func), "   "))
		if f.States > 0 {
			b.WriteString(textwrap.Wrap(fmt.Sprintf("%d states", f.States), "   "))
		}
		if len(f.Callees) > 0 {
			var cs []string
			for _, c := range f.Callees {
				cs = append(cs, fmt.Sprintf("%s %s", c.Name, pct(c.Share)))
			}
			b.WriteString(textwrap.Wrap("callees: "+strings.Join(cs, ", "), "   "))
		}
		if len(f.Implementations) > 0 {
			var is []string
			for _, i := range f.Implementations {
				is = append(is, i.text())
			}
			b.WriteString(textwrap.Wrap("implementations: "+strings.Join(is, ", "), "   "))
		}
		if len(f.Transitions) > 0 {
			var ts []string
			for _, t := range f.Transitions {
				ts = append(ts, t.To+" at "+t.Posn)
			}
			b.WriteString(textwrap.Wrap("transitions: "+strings.Join(ts, ", "), "   "))
		}
		if len(f.Exits) > 0 {
			var es []string
			for _, e := range f.Exits {
				es = append(es, e.Posn+" ("+strings.Join(e.How, ", ")+")")
			}
			b.WriteString(textwrap.Wrap("loops that leave early, leaking the goroutine: "+strings.Join(es, ", "), "   "))
		}
		writeFix(&b, f)
		verdict := "verdict: " + f.Verdict
		if f.Measured {
			verdict += " (measured)"
		}
		b.WriteString(textwrap.Wrap(verdict+" — "+f.Why, "   "))
		if f.Verify != "" {
			b.WriteString(textwrap.Wrap("measure with: "+f.Verify, "   "))
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// writeFix says whether a fix is offered; for a blocked machine, each
// blocker on a line of its own, at its full position.
func writeFix(b *strings.Builder, f Finding) {
	if len(f.Blockers) == 0 {
		b.WriteString(textwrap.Wrap("fix: "+f.Fix, "   "))
		return
	}
	b.WriteString("   fix: blocked by\n")
	for _, bl := range f.Blockers {
		b.WriteString(textwrap.Wrap("- "+bl.Reason+" at "+bl.Posn, "     "))
	}
}

// text names an implementation and, for a state machine, what it is.
func (i Impl) text() string {
	if i.Machine == "" {
		return i.Name
	}
	return i.Name + " (" + i.Machine + ")"
}

// TotalText says how much CPU the profiles hold.
func (r *Report) TotalText() string {
	if r.Unit == "nanoseconds" {
		return fmt.Sprintf("%.2f s of CPU", float64(r.Total)/1e9)
	}
	return fmt.Sprintf("%d samples", r.Total)
}

func pct(x float64) string { return fmt.Sprintf("%.1f%%", 100*x) }

// WriteJSON prints the report as indented JSON (docs/report.md).
func (r *Report) WriteJSON(w io.Writer) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(r)
}

// WriteHTML prints the report as one self-contained page: no script, no
// network, the chart drawn as inline SVG.
func (r *Report) WriteHTML(w io.Writer) error {
	return page.Execute(w, r)
}

type bar struct {
	Y, W       int
	Label, Pct string
	Rank       int
}

// Bars lays out the chart: one bar per finding, scaled to the largest.
func (r *Report) Bars() []bar {
	maxCum := math.SmallestNonzeroFloat64 // so that no bar divides by zero
	for _, f := range r.Findings {
		maxCum = max(maxCum, f.Cum)
	}
	var bars []bar
	for i, f := range r.Findings {
		w := int(560 * (f.Cum / maxCum)) // the largest is exactly 1 of 560
		bars = append(bars, bar{Y: 10 + 26*i, W: max(w, 1), Label: textwrap.Short(f.Kind+" "+f.Name, 40), Pct: pct(f.Cum), Rank: f.Rank})
	}
	return bars
}

// ChartHeight is the SVG's height.
func (r *Report) ChartHeight() int { return 20 + 26*len(r.Findings) }

var page = template.Must(template.New("report").Funcs(template.FuncMap{"pct": pct}).Parse(`<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>fsmvet report</title>
<style>
` + htmlstyle.Base + `.warn { color: #a40; } .verdict { font-weight: bold; }
pre, .src td { font: 12px/1.3 ui-monospace, monospace; }
.src td.code { white-space: pre; tab-size: 4; } .hot { background: #fde2e2; } .warm { background: #fff3d6; }
pre.diff { background: #f6f6f6; padding: 8px; overflow-x: auto; }
.bar { fill: #c0392b; } .label { font: 12px sans-serif; }
</style>
</head>
<body>
<h1>fsmvet report</h1>
<p>Profiles: {{range .Profiles}}<code>{{.}}</code> {{end}}— {{.TotalText}}; hot from {{pct .Hot}}.</p>
{{range .Warnings}}<p class="warn">warning: {{.}}</p>{{end}}
{{if not .Findings}}<p id="empty">No findings in these packages.</p>{{end}}
<svg id="chart" role="img" aria-label="CPU share of each finding" width="1000" height="{{.ChartHeight}}" xmlns="http://www.w3.org/2000/svg">
{{range .Bars}}<g><text class="label" x="0" y="{{.Y}}" dy="14">{{.Rank}}. {{.Label}}</text><rect class="bar" x="330" y="{{.Y}}" width="{{.W}}" height="18"></rect><text class="label" x="{{.W}}" dx="336" y="{{.Y}}" dy="14">{{.Pct}}</text></g>
{{end}}</svg>
<table id="ranking">
<tr><th>#</th><th class="num">cum</th><th class="num">flat</th><th>kind</th><th>where</th><th>verdict</th></tr>
{{range .Findings}}<tr><td>{{.Rank}}</td><td class="num">{{pct .Cum}}</td><td class="num">{{pct .Flat}}</td><td>{{.Kind}}</td><td><a href="#f{{.Rank}}">{{.Posn}}</a></td><td>{{.Verdict}}</td></tr>
{{end}}</table>
{{range .Findings}}
<section class="finding" id="f{{.Rank}}">
<h2>{{.Rank}}. {{.Kind}} {{.Name}}</h2>
<p><code>{{.Posn}}</code> in <code>{{.Func}}</code>: {{pct .Cum}} cumulative, {{pct .Flat}} flat{{if .States}}, {{.States}} states{{end}}.</p>
<p class="verdict">{{.Verdict}}{{if .Measured}} (measured){{end}}</p><p>{{.Why}}</p>
{{with .Verify}}<p>Measure with <code>{{.}}</code></p>{{end}}
{{if .Callees}}<p>Callees seen by the profile: {{range .Callees}}<code>{{.Name}}</code> {{pct .Share}}; {{end}}</p>{{end}}
{{if .Implementations}}<p>Implementations the call may reach:</p><ul class="impls">{{range .Implementations}}<li><code>{{.Name}}</code>{{with .Machine}}: {{.}}{{end}}</li>{{end}}</ul>{{end}}
{{if .Exits}}<p>Loops that leave early, leaking the goroutine: {{range .Exits}}<code>{{.Posn}}</code> ({{range $i, $h := .How}}{{if $i}}, {{end}}{{$h}}{{end}}); {{end}}</p>{{end}}
{{if .Blockers}}<p>Fix: blocked by</p><ul class="blockers">{{range .Blockers}}<li>{{.Reason}} at <code>{{.Posn}}</code></li>{{end}}</ul>{{else}}<p>Fix: {{.Fix}}</p>{{end}}
{{if .Transitions}}<details class="transitions"><summary>{{len .Transitions}} transitions</summary><ul>{{range .Transitions}}<li><code>{{.To}}</code> at <code>{{.Posn}}</code></li>{{end}}</ul></details>{{end}}
<p>{{.Message}}</p>
{{if .Source}}<table class="src"><tr><th class="num">flat</th><th class="num">cum</th><th class="num">line</th><th>source</th></tr>
{{range .Source}}<tr{{if ge .Cum 0.05}} class="hot"{{else if gt .Cum 0.0}} class="warm"{{end}}><td class="num">{{if .Flat}}{{pct .Flat}}{{end}}</td><td class="num">{{if .Cum}}{{pct .Cum}}{{end}}</td><td class="num">{{.Number}}</td><td class="code">{{.Text}}</td></tr>
{{end}}</table>{{end}}
{{if .Diff}}<h3>The fix</h3><pre class="diff">{{.Diff}}</pre>{{end}}
</section>
{{end}}
</body>
</html>
`))
