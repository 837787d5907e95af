package stdattr_test

import (
	"encoding/json"
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/profilekit/profilekit/access"
	"github.com/profilekit/profilekit/stdattr"
	"github.com/profilekit/profilekit/validation"
)

func TestTable(t *testing.T) {
	var names []string
	for a := range stdattr.All() {
		names = append(names, a.String())
		b, ok := stdattr.Lookup(a.String())
		require.True(t, ok)
		assert.Equal(t, a, b)
	}
	assert.Equal(t, []string{"name", "given_name", "family_name", "middle_name", "nickname", "preferred_username",
		"profile", "picture", "website", "email", "gender", "birthdate", "zoneinfo", "locale", "phone_number", "address",
		"email_verified", "phone_number_verified", "updated_at"}, names)
	// The access package knows the same standard and derived names.
	p, err := access.NewPolicy(access.Config{})
	require.NoError(t, err)
	for _, n := range names {
		_, ok := p.Rule(n)
		assert.True(t, ok, "access knows %s", n)
	}

	var writable int
	for a := range stdattr.Writable() {
		writable++
		assert.False(t, a.Derived())
		assert.False(t, a.Derived())
	}
	assert.Equal(t, 16, writable)
	assert.Equal(t, stdattr.NumWritable, writable)

	coupled := map[stdattr.Attr]bool{stdattr.AttrEmail: true, stdattr.AttrPhoneNumber: true, stdattr.AttrPreferredUsername: true}
	for a := range stdattr.All() {
		assert.Equal(t, coupled[a], a.Coupled(), a.String())
	}
	assert.Equal(t, stdattr.AttrEmail, stdattr.AttrEmailVerified.Parent())
	assert.Equal(t, stdattr.AttrPhoneNumber, stdattr.AttrPhoneNumberVerified.Parent())
	assert.Equal(t, "address", stdattr.AttrAddress.Scope())
	assert.Equal(t, "phone", stdattr.AttrPhoneNumberVerified.Scope())
	assert.Equal(t, "object", stdattr.AttrAddress.Type())
	assert.Equal(t, "boolean", stdattr.AttrEmailVerified.Type())
	assert.Equal(t, "number", stdattr.AttrUpdatedAt.Type())

	_, ok := stdattr.Lookup("sub")
	assert.False(t, ok)
	assert.False(t, stdattr.Attr(0).Valid())
	assert.Equal(t, "", stdattr.Attr(200).String())
}

func TestClaimsFieldsCoverEveryStringClaim(t *testing.T) {
	var c stdattr.Claims
	for a := range stdattr.Writable() {
		f := c.Field(a)
		if a == stdattr.AttrAddress {
			assert.Nil(t, f)
			continue
		}
		require.NotNil(t, f, a.String())
		*f = "v-" + a.String()
	}
	// Every field is distinct and marshals under its claim name.
	b, err := json.Marshal(c)
	require.NoError(t, err)
	var m map[string]string
	require.NoError(t, json.Unmarshal(b, &m))
	assert.Len(t, m, 15)
	for k, v := range m {
		assert.Equal(t, "v-"+k, v)
	}
	d := c.Clone()
	assert.True(t, c.Equal(&d))
	*d.Field(stdattr.AttrGender) = ""
	assert.False(t, c.Equal(&d))
	assert.False(t, d.Has(stdattr.AttrGender))
	d.Address = &stdattr.Address{}
	assert.False(t, d.Has(stdattr.AttrAddress), "an empty address is absent")
}

func TestNormalizer(t *testing.T) {
	n := stdattr.Normalizer{PhoneRegion: "US"}
	tests := []struct {
		attr stdattr.Attr
		in   string
		want string
		kind validation.Kind
	}{
		{stdattr.AttrGivenName, "  Jane ", "Jane", ""},
		{stdattr.AttrGivenName, "", "", validation.KindMinLength},
		{stdattr.AttrGivenName, "   ", "", validation.KindMinLength},
		{stdattr.AttrGivenName, "a\x00b", "", validation.KindFormat},
		{stdattr.AttrName, "Jane\nDoe", "", validation.KindFormat},
		{stdattr.AttrGivenName, "Jose\u0301", "Jos\u00e9", ""}, // NFD to NFC
		{stdattr.AttrBirthdate, " 1990-01-01", "1990-01-01", ""},
		{stdattr.AttrBirthdate, "1900-02-29", "", validation.KindFormat},
		{stdattr.AttrBirthdate, "0000-02-29", "0000-02-29", ""},
		{stdattr.AttrZoneinfo, "Etc/GMT+5", "Etc/GMT+5", ""},
		{stdattr.AttrZoneinfo, "localtime", "", validation.KindFormat},
		{stdattr.AttrLocale, "zh_hant_tw", "zh-Hant-TW", ""},
		{stdattr.AttrLocale, "en-ZZ", "", validation.KindFormat},
		{stdattr.AttrPhoneNumber, "(415) 555-2671", "+14155552671", ""},
		{stdattr.AttrPhoneNumber, "+852 9876 5432", "+85298765432", ""},
		{stdattr.AttrEmail, " Jane@Example.COM ", "Jane@example.com", ""},
		{stdattr.AttrEmail, "用户@例子.广告", "用户@例子.广告", ""},
		{stdattr.AttrEmail, "jane.doe@", "", validation.KindFormat},
		{stdattr.AttrWebsite, "javascript:alert(1)", "", validation.KindFormat},
		{stdattr.AttrProfile, "https://example.com/a/../b", "", validation.KindFormat},
		{stdattr.AttrPicture, "authgearimages:///app/obj", "authgearimages:///app/obj", ""},
		{stdattr.AttrPicture, "authgearimages:app/obj", "", validation.KindFormat},
		{stdattr.AttrGender, "non-binary", "non-binary", ""},
		{stdattr.AttrAddress, "x", "", validation.KindType},
	}
	for _, tt := range tests {
		t.Run(tt.attr.String()+"/"+tt.in, func(t *testing.T) {
			got, err := n.Normalize(tt.attr, tt.in)
			if tt.kind == "" {
				require.NoError(t, err)
				assert.Equal(t, tt.want, got)
				again, err := n.Normalize(tt.attr, got)
				require.NoError(t, err)
				assert.Equal(t, got, again, "normalization is idempotent")
				return
			}
			var c *validation.Cause
			require.ErrorAs(t, err, &c)
			assert.Equal(t, tt.kind, c.Kind)
			assert.Equal(t, "/"+tt.attr.String(), c.Location)
		})
	}
}

func TestNormalizerOptions(t *testing.T) {
	langs, err := stdattr.NewLanguages("en", "zh-Hant")
	require.NoError(t, err)
	n := stdattr.Normalizer{Languages: langs, MaxLength: 5, AddressCountryCode: true}
	got, err := n.Normalize(stdattr.AttrLocale, "en-us")
	require.NoError(t, err)
	assert.Equal(t, "en-US", got)
	_, err = n.Normalize(stdattr.AttrLocale, "fr")
	var c *validation.Cause
	require.ErrorAs(t, err, &c)
	assert.Equal(t, validation.KindEnum, c.Kind)

	_, err = n.Normalize(stdattr.AttrGivenName, "Janette")
	require.ErrorAs(t, err, &c)
	assert.Equal(t, validation.KindMaxLength, c.Kind)

	got, err = n.NormalizeAddressField("country", " us ")
	require.NoError(t, err)
	assert.Equal(t, "US", got)
	_, err = n.NormalizeAddressField("country", "USA")
	require.ErrorAs(t, err, &c)
	assert.Equal(t, "/address/country", c.Location)

	var plain stdattr.Normalizer
	got, err = plain.NormalizeAddressField("street_address", "1 Main St\r\nApt 2")
	require.NoError(t, err)
	assert.Equal(t, "1 Main St\nApt 2", got)
	_, err = plain.NormalizeAddressField("locality", "a\nb")
	assert.Error(t, err)
}

func TestNormalizeClaims(t *testing.T) {
	var n stdattr.Normalizer
	in := stdattr.Claims{GivenName: " Jane ", Birthdate: "1990-13-01", Locale: "iw", Zoneinfo: "Mars/Olympus",
		Address: &stdattr.Address{Locality: " Paris ", Region: "\x07"}}
	_, err := n.NormalizeClaims(&in)
	var verr *validation.Error
	require.ErrorAs(t, err, &verr)
	var locs []string
	for _, c := range verr.Causes {
		locs = append(locs, c.Location)
	}
	assert.Equal(t, []string{"/address/region", "/birthdate", "/zoneinfo"}, locs)

	in.Birthdate, in.Zoneinfo, in.Address.Region = "1990-12-01", "US/Pacific", "Île-de-France"
	out, err := n.NormalizeClaims(&in)
	require.NoError(t, err)
	assert.Equal(t, "Jane", out.GivenName)
	assert.Equal(t, "he", out.Locale)
	assert.Equal(t, "Paris", out.Address.Locality)
	assert.Equal(t, " Jane ", in.GivenName, "input not modified")
}

func TestIngestLenient(t *testing.T) {
	var n stdattr.Normalizer
	in, report := n.Ingest(map[string]any{
		"sub": "123", "iss": "https://accounts.example.com", "hd": "example.com",
		"given_name": " Jane ", "family_name": "", "nickname": 42,
		"birthdate": "1990-02-30", "locale": "zh_CN", "zoneinfo": "Asia/Calcutta",
		"email": "Jane@Example.com", "email_verified": "true", "phone_number_verified": true,
		"phone_number": "4155552671", "website": "ftp://example.com", "picture": "https://cdn.example.com/p.png",
		"address":    map[string]any{"locality": "Paris", "city": "Paris", "postal_code": 75001},
		"updated_at": "yesterday",
	})
	assert.Equal(t, "Jane", in.Claims.GivenName)
	assert.Equal(t, "zh-CN", in.Claims.Locale)
	assert.Equal(t, "Asia/Calcutta", in.Claims.Zoneinfo)
	assert.Equal(t, "Jane@example.com", in.Claims.Email)
	assert.Equal(t, "https://cdn.example.com/p.png", in.Claims.Picture)
	assert.Equal(t, "Paris", in.Claims.Address.Locality)
	assert.Nil(t, in.EmailVerified, "a string is not a boolean")
	require.NotNil(t, in.PhoneNumberVerified)
	assert.True(t, *in.PhoneNumberVerified)
	var got []string
	for _, c := range report {
		got = append(got, c.Location+" "+string(c.Kind))
	}
	assert.Equal(t, []string{
		"/address/city unknown", "/address/postal_code type", "/birthdate format", "/email_verified type",
		"/family_name minLength", "/nickname type", "/phone_number format", "/website format",
	}, got)

	// Nothing survives in the address: no address.
	in, _ = n.Ingest(map[string]any{"address": map[string]any{"country": ""}})
	assert.Nil(t, in.Claims.Address)
	in, report = n.Ingest(map[string]any{"address": "Paris"})
	assert.Nil(t, in.Claims.Address)
	assert.Len(t, report, 1)
}

func FuzzIngest(f *testing.F) {
	f.Add(`{"given_name":"Jane","locale":"en_us","address":{"locality":"x"},"email_verified":true}`)
	f.Add(`{"birthdate":1,"address":[],"phone_number":"+"}`)
	var n stdattr.Normalizer
	f.Fuzz(func(t *testing.T, data string) {
		var m map[string]any
		if json.Unmarshal([]byte(data), &m) != nil {
			return
		}
		in, _ := n.Ingest(m)
		// Whatever survives is valid under the strict regime.
		if _, err := n.NormalizeClaims(&in.Claims); err != nil {
			t.Fatalf("ingest kept an invalid value: %v", err)
		}
	})
}

func BenchmarkNormalizer(b *testing.B) {
	var n stdattr.Normalizer
	for _, bc := range []struct {
		attr stdattr.Attr
		in   string
	}{
		{stdattr.AttrGivenName, "Jane"},
		{stdattr.AttrBirthdate, "1990-07-14"},
		{stdattr.AttrZoneinfo, "America/Los_Angeles"},
		{stdattr.AttrLocale, "en-US"},
		{stdattr.AttrEmail, "jane.doe@example.com"},
		{stdattr.AttrWebsite, "https://jane.example.com/"},
		{stdattr.AttrPhoneNumber, "+14155552671"},
	} {
		b.Run(bc.attr.String(), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := n.Normalize(bc.attr, bc.in); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func ExampleNormalizer() {
	n := stdattr.Normalizer{PhoneRegion: "HK"}
	for _, in := range []struct {
		attr  stdattr.Attr
		value string
	}{
		{stdattr.AttrPhoneNumber, "9876 5432"},
		{stdattr.AttrLocale, "zh_hant_tw"},
		{stdattr.AttrBirthdate, "1900-02-29"},
	} {
		v, err := n.Normalize(in.attr, in.value)
		if err != nil {
			fmt.Println("error:", err)
			continue
		}
		fmt.Println(v)
	}
	// Output:
	// +85298765432
	// zh-Hant-TW
	// error: /birthdate: format: February 1900 has 28 days
}

func ExampleNormalizer_Ingest() {
	var n stdattr.Normalizer
	in, report := n.Ingest(map[string]any{
		"given_name": "Jane", "locale": "en_us", "birthdate": "1990-02-30", "email_verified": true,
	})
	fmt.Println(in.Claims.GivenName, in.Claims.Locale, *in.EmailVerified)
	for _, c := range report {
		fmt.Println("dropped", c.Location)
	}
	// Output:
	// Jane en-US true
	// dropped /birthdate
}

// An Attr outside the table is no claim: Normalize refuses it (kind type, no location), and
// its facts are empty, never another claim's.
func TestInvalidAttr(t *testing.T) {
	var n stdattr.Normalizer
	for _, a := range []stdattr.Attr{0, 25, 29, 255} {
		_, err := n.Normalize(a, "https://example.com/")
		var c *validation.Cause
		require.ErrorAs(t, err, &c, "%d", a)
		assert.Equal(t, validation.KindType, c.Kind, "%d", a)
		assert.Empty(t, c.Location, "%d", a)
		assert.Empty(t, a.String())
		assert.Empty(t, a.Type())
		assert.Empty(t, a.Scope())
		assert.False(t, a.Coupled() || a.Derived())
		assert.Equal(t, stdattr.Attr(0), a.Parent())
	}
}
