// Runs on every start of the production form's MongoDB, once it answers: initiates the one-member replica set
// the first time, and does nothing after. The root password is read from its secret file, never an argument.
const fs = require('fs');
const root = fs.readFileSync('/run/secrets/mongo_root_password', 'utf8').trim();
const admin = db.getSiblingDB('admin');
if (!admin.hello().setName) {
  admin.auth('root', root);
  try {
    rs.status();
  } catch (notYet) {
    rs.initiate({ _id: 'rs0', members: [{ _id: 0, host: 'mongo:27017' }] });
  }
}
