// Go: the user_hash for the Messenger, computed on your server (never in the browser).
package main

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
)

// UserHash hashes userID when it is not empty (it wins over email), else email.
func UserHash(secret, userID, email string) string {
	identifier := email
	if userID != "" {
		identifier = userID
	}
	mac := hmac.New(sha256.New, []byte(secret))
	mac.Write([]byte(identifier))
	return hex.EncodeToString(mac.Sum(nil))
}

// go run user_hash.go <secret> <user_id> [email]
func main() {
	email := ""
	if len(os.Args) > 3 {
		email = os.Args[3]
	}
	fmt.Println(UserHash(os.Args[1], os.Args[2], email))
}
