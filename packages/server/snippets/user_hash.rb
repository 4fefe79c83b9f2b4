# Ruby: the user_hash for the Messenger, computed on your server (never in the browser).
require "openssl"

def user_hash(secret, user_id: nil, email: nil)
  identifier = user_id.nil? ? email : user_id.to_s # user_id wins over email
  OpenSSL::HMAC.hexdigest("SHA256", secret, identifier)
end

# ruby user_hash.rb <secret> <user_id> [email]
if __FILE__ == $PROGRAM_NAME
  secret, user_id, email = ARGV
  puts user_hash(secret, user_id: user_id.to_s.empty? ? nil : user_id, email: email)
end
