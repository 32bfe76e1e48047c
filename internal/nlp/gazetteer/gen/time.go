package main

import "time"

func timeZero() time.Time { return time.Time{} }
