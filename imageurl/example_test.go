package imageurl_test

import (
	"fmt"

	"github.com/profilekit/profilekit/imageurl"
)

func ExampleParser_Parse() {
	var p imageurl.Parser // the default scheme, authgearimages
	ref, err := p.Parse("authgearimages:///myapp-123/0c2ee1e1-8d34-4a3f-9c4a-39e4b2f1d6a7")
	fmt.Println(ref.AppID, ref.ObjectID, err)
	fmt.Println(ref)

	_, err = p.Parse("authgearimages:myapp-123/0c2ee1e1")
	fmt.Println(err)
	_, err = p.Parse("authgearimages:///myapp-123/..")
	fmt.Println(err)
	// Output:
	// myapp-123 0c2ee1e1-8d34-4a3f-9c4a-39e4b2f1d6a7 <nil>
	// authgearimages:///myapp-123/0c2ee1e1-8d34-4a3f-9c4a-39e4b2f1d6a7
	// format: the opaque form authgearimages:APP_ID/OBJECT_ID is not an image reference; expected authgearimages:///APP_ID/OBJECT_ID
	// format: dot segment ".." is not allowed as OBJECT_ID
}

func ExampleParser() {
	p := imageurl.Parser{Scheme: "acmeimages"}
	ref, err := p.Parse("acmeimages:///shop/42")
	fmt.Println(ref, err)
	_, err = p.Parse("authgearimages:///shop/42")
	fmt.Println(err)
	// Output:
	// acmeimages:///shop/42 <nil>
	// format: scheme "authgearimages" is not "acmeimages"; expected acmeimages:///APP_ID/OBJECT_ID
}

func ExampleResolver_URL() {
	r, err := imageurl.NewResolver(imageurl.Config{PublicHost: "auth.example.com", CDNHost: "img.example.net"})
	if err != nil {
		panic(err)
	}
	ref := imageurl.Ref{AppID: "myapp", ObjectID: "0c2ee1e1"}
	fmt.Println(r.URL(ref, imageurl.VariantProfile))
	fmt.Println(r.URL(ref, imageurl.VariantOriginal))
	// Output:
	// https://img.example.net/_images/myapp/0c2ee1e1/profile
	// https://img.example.net/_images/myapp/0c2ee1e1/original
}

func ExampleResolver_Ref() {
	r, err := imageurl.NewResolver(imageurl.Config{PublicHost: "auth.example.com"})
	if err != nil {
		panic(err)
	}
	for _, u := range []string{
		"https://auth.example.com/_images/myapp/0c2ee1e1/profile",
		"http://AUTH.example.com/_images/myapp/0c2ee1e1/", // hosts, not schemes; trailing slash
		"https://auth.example.com/avatar.png",             // our host, not an image
		"https://gravatar.com/avatar/abc",                 // another host
		"https://auth.example.com/_images/myapp",          // malformed
	} {
		switch ref, ok, err := r.Ref(u); {
		case err != nil:
			fmt.Println("error:", err)
		case ok:
			fmt.Println("reference:", ref)
		default:
			fmt.Println("left as it is")
		}
	}
	// Output:
	// reference: authgearimages:///myapp/0c2ee1e1
	// reference: authgearimages:///myapp/0c2ee1e1
	// left as it is
	// left as it is
	// error: format: too few path segments after _images (1); expected _images/APP_ID/OBJECT_ID[/VARIANT]
}

func ExampleResolver_ToStorage() {
	r, err := imageurl.NewResolver(imageurl.Config{PublicHost: "auth.example.com"})
	if err != nil {
		panic(err)
	}
	stored, err := r.ToStorage("https://auth.example.com/_images/myapp/0c2ee1e1/profile")
	fmt.Println(stored, err)
	stored, err = r.ToStorage("https://gravatar.com/avatar/abc")
	fmt.Println(stored, err)
	// Output:
	// authgearimages:///myapp/0c2ee1e1 <nil>
	// https://gravatar.com/avatar/abc <nil>
}

func ExampleResolver_ToRepresentation() {
	r, err := imageurl.NewResolver(imageurl.Config{PublicHost: "auth.example.com"})
	if err != nil {
		panic(err)
	}
	fmt.Println(r.ToRepresentation("authgearimages:///myapp/0c2ee1e1"))
	fmt.Println(r.ToRepresentation("https://gravatar.com/avatar/abc"))
	fmt.Println(r.ToRepresentation("authgearimages:myapp/0c2ee1e1")) // malformed: left alone
	// Output:
	// https://auth.example.com/_images/myapp/0c2ee1e1/profile
	// https://gravatar.com/avatar/abc
	// authgearimages:myapp/0c2ee1e1
}

func ExampleNewResolver() {
	_, err := imageurl.NewResolver(imageurl.Config{PublicHost: "https://auth.example.com", Scheme: "ftp"})
	fmt.Println(err)
	// Output:
	// 2 problems:
	//   /public_host: format: "https://auth.example.com" must be a host without a scheme
	//   /scheme: enum: scheme "ftp" is not http or https
}
