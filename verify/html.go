package verify

import (
	"fmt"
	"html/template"

	"github.com/fsmvet/fsmvet/internal/htmlstyle"
)

// htmlFuncs are the page's helpers: ratios as the text shows them.
func htmlFuncs() template.FuncMap {
	return template.FuncMap{
		"value": value,
		"ratio": func(c Comparison) string { return c.text() },
		"num":   func(i int) int { return i + 1 },
		"pct":   func(x float64) string { return fmt.Sprintf("%.0f%%", 100*x) },
		"what":  Finding.what,
	}
}

// htmlPage is one self-contained page in the report's style: no script,
// no network.
var htmlPage = template.Must(template.New("verify").Funcs(htmlFuncs()).Parse(`<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>fsmvet verify</title>
<style>
` + htmlstyle.Base + `.verdict { font-weight: bold; } .holds { color: #a40; } .comparisons { margin-top: 0.8em; }
pre { font: 12px/1.3 ui-monospace, monospace; background: #f6f6f6; padding: 8px; overflow-x: auto; }
</style>
</head>
<body>
<h1>fsmvet verify</h1>
<p class="holds">{{.Holds}}</p>
<p>{{.Settings.Count}} rounds of <code>-benchtime {{.Settings.Benchtime}}</code> at <code>-cpu {{.Settings.CPU}}</code>; intervals at {{pct .Settings.Confidence}}, significance at p &lt; {{.Settings.Alpha}}. PGO profile {{.PGO}}.</p>
{{if not .Findings}}<p id="empty">No state machine or generator with a fix in these packages.</p>{{end}}
<table id="verdicts">
<tr><th>#</th><th>finding</th><th>where</th><th>kind</th><th>verdict</th></tr>
{{range $i, $f := .Findings}}<tr><td>{{num $i}}</td><td>{{.Name}}</td><td><a href="#f{{num $i}}">{{.Posn}}</a></td><td>{{what .}}</td><td class="verdict">{{.Verdict}}</td></tr>
{{end}}</table>
{{range $i, $f := .Findings}}
<section class="finding" id="f{{num $i}}">
<h2>{{num $i}}. {{.Name}} at <code>{{.Posn}}</code></h2>
<p class="verdict">{{.Verdict}}</p><p>{{.Why}}</p>
{{if .ReachedBy}}<p>Reached by the poll loops at {{range .ReachedBy}}<code>{{.}}</code> {{end}}</p>{{end}}
<p>Built, vetted and tested with the fix: {{range .Tested}}<code>{{.}}</code> {{end}}</p>
{{with .Failure}}<p>{{.Step}} fails:</p><pre class="failure">{{.Output}}</pre>{{end}}
{{with .PGOProfile}}<p>PGO profile: {{.}}</p>{{end}}
{{range .Benchmarks}}
<h3>{{.Name}} in <code>{{.Package}}</code>, {{.Rounds}} rounds</h3>
<table class="builds"><tr><th>build</th><th class="num">sec/op</th><th class="num">B/op</th><th class="num">allocs/op</th></tr>
{{range .Builds}}<tr><td>{{.Build}}</td><td class="num">{{value (index .Stats "sec/op").Center "sec/op"}}</td><td class="num">{{with index .Stats "B/op"}}{{.Center}}{{end}}</td><td class="num">{{with index .Stats "allocs/op"}}{{.Center}}{{end}}</td></tr>
{{end}}</table>
<table class="comparisons"><tr><th>comparison</th><th>unit</th><th>ratio [95% interval] p-value</th></tr>
{{range .Comparisons}}<tr><td>{{.New}}/{{.Old}}</td><td>{{.Unit}}</td><td>{{ratio .}}</td></tr>
{{end}}</table>
{{end}}
{{with .Shape}}<p>A benchmark of this shape would measure it:</p><pre class="shape">{{.}}</pre>{{end}}
{{if .Diff}}<h3>The fix</h3><pre class="diff">{{.Diff}}</pre>{{end}}
</section>
{{end}}
</body>
</html>
`))
