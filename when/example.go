package when

// Short examples of what each reader takes, for a refusal message in the
// reader's language ("zh", else English). Each is read by its function
// whatever today is.

// Example is for Parse: a day and a time, or a time range.
func Example(lang string) string {
	if lang == "zh" {
		return "例如：明天 9:00、周六 9:00-11:00、12月5日 9:00"
	}
	return "e.g. tomorrow 9:00, Sat 9:00-11:00, Dec 5 9:00"
}

// ExampleDate is for ParseDate and ParsePastDate: a day alone.
func ExampleDate(lang string) string {
	if lang == "zh" {
		return "例如：今天、周四、12月20日"
	}
	return "e.g. today, Thu, Dec 20"
}

// ExampleClock is for ParseClock: a time of day alone.
func ExampleClock(lang string) string {
	if lang == "zh" {
		return "例如：20:00、晚上8点、下午3点半"
	}
	return "e.g. 20:00, 8pm, 7:30am"
}

// ExampleClockRange is for ParseClockRange: a time range without a day.
func ExampleClockRange(lang string) string {
	if lang == "zh" {
		return "例如：19:30-21:00、晚上7点到9点、22:00-02:00"
	}
	return "e.g. 19:30-21:00, 7-9pm, 22:00-02:00"
}

// ExampleDateRange is for ParseDateRange and ParsePastDateRange: a period
// of days or a month.
func ExampleDateRange(lang string) string {
	if lang == "zh" {
		return "例如：本月、11月、11月1日到11月30日"
	}
	return "e.g. this month, Nov, Nov 1 - Nov 30"
}
