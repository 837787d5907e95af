module github.com/profilekit/profilekit/examples/profilecheck

go 1.26

require github.com/profilekit/profilekit v0.0.0

replace github.com/profilekit/profilekit => ../..
