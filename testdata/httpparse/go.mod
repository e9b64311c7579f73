module example.com/httpparse

go 1.26
