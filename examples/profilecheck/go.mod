module github.com/profilekit/profilekit/examples/profilecheck

go 1.26.0

require (
	github.com/profilekit/profilekit v0.0.0
	github.com/profilekit/profilekit/jsonschema v0.0.0
	github.com/stretchr/testify v1.12.1
	sigs.k8s.io/yaml v1.6.0
)

require (
	github.com/nyaruka/phonenumbers v1.8.1 // indirect
	go.yaml.in/yaml/v2 v2.4.2 // indirect
	go.yaml.in/yaml/v3 v3.0.5 // indirect
	golang.org/x/text v0.43.0 // indirect
	google.golang.org/protobuf v1.36.11 // indirect
)

replace (
	github.com/profilekit/profilekit => ../..
	github.com/profilekit/profilekit/jsonschema => ../../jsonschema
)
