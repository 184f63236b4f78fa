import CSQLite
import PostgresNIO
