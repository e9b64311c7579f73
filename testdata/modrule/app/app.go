// Command app hands each loop its tasks, for the whole-program call graph.
package main

import (
	"example.com/modrule/a"
	"example.com/modrule/b"
	"example.com/modrule/c"
	"example.com/modrule/held"
	"example.com/modrule/own"
	"example.com/other/machine"
)

func main() {
	a.Run(new(own.Machine))
	b.Run(new(machine.Machine))
	c.Run(held.NewHidden())
}
