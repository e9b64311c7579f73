// Command demo hands tasks to the executor.
package main

import (
	"fmt"

	"example.com/whole/executor"
	"example.com/whole/tasks"
)

func main() {
	var cx executor.Context
	executor.Run([]executor.Task{new(tasks.Sender), tasks.NewStepper(3)}, &cx)
	executor.BlockOn(new(tasks.Sender), &cx)
	executor.RunAll([]*tasks.Sender{new(tasks.Sender)}, &cx)
	fmt.Println(cx.Steps)
}
