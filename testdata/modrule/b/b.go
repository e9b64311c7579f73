// Package b polls a machine of another module only: not reported.
package b

import _ "example.com/other/machine"

type Task interface{ Poll() bool }

func Run(t Task) {
	for !t.Poll() {
	}
}
