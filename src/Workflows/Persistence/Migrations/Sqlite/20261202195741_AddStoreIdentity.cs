using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace LossSearch.Workflows.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AddStoreIdentity : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "StoreIdentity",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false),
                    SchedulerName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_StoreIdentity", x => x.Id);
                });
            // The scheduler name lives in the store, so it survives a moved file; random, so two stores never share one.
            migrationBuilder.Sql("INSERT INTO \"StoreIdentity\" (\"Id\", \"SchedulerName\") VALUES (1, 'LossSearch-' || lower(hex(randomblob(8))));");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "StoreIdentity");
        }
    }
}
