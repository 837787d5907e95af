package claim

// The formats of the standard string claims, as reported in Details.Format of a validation
// cause (and as the JSON Schema export names them). A country code is the format of
// address.country when codes are required, and of custom country_code attributes.
const (
	FormatText        = "text"
	FormatEmail       = "email"
	FormatPhone       = "phone"
	FormatURI         = "uri"
	FormatPicture     = "x_picture"
	FormatBirthdate   = "birthdate"
	FormatTimezone    = "timezone"
	FormatLocale      = "bcp47"
	FormatCountryCode = "iso3166-1-alpha-2"
)

// Formats is the format of each string claim, indexed like Table; "" for address and the
// derived claims.
var Formats = [Count]string{
	Name: FormatText, GivenName: FormatText, FamilyName: FormatText, MiddleName: FormatText,
	Nickname: FormatText, PreferredUsername: FormatText, Profile: FormatURI, Picture: FormatPicture,
	Website: FormatURI, Email: FormatEmail, Gender: FormatText, Birthdate: FormatBirthdate,
	Zoneinfo: FormatTimezone, Locale: FormatLocale, PhoneNumber: FormatPhone,
}

// Pointers is the JSON pointer of each claim in a profile document ("/given_name"), indexed
// like Table; "" at 0.
var Pointers = func() (p [Count]string) {
	for i := 1; i < Count; i++ {
		p[i] = "/" + Table[i].Name
	}
	return p
}()
